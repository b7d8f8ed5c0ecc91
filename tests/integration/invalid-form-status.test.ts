/**
 * A form sent back with messages answers 400 (it used to be 200, so a script
 * or a monitor could not tell a refused form from a saved one), through the
 * same wrapper the server puts round every action in its build.
 */
import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { action as forgotPassword } from "~/routes/forgot-password/route";
import { action as signIn } from "~/routes/login/route";
import { answerInvalidFormsWith400, withInvalidFormStatus } from "~/utils/invalid-form-status.server";
import { callRoute } from "../setup/routes";
import { requestAs } from "../setup/auth";
import { createAccount } from "../factories/accounts";
import { createActivity } from "../factories";
import { action as askForAPlace } from "~/routes/activities.$id_.request-a-place/route";

describe("a refused form answers 400 with its messages", () => {
  it("a missing email on the forgot-password form is a 400 with the message on the email field", async () => {
    const outcome = await callRoute(withInvalidFormStatus(forgotPassword), await requestAs(null, "/forgot-password", { form: { email: "" } }));
    expect(outcome.status).toBe(400);
    expect(outcome.body.result.status).toBe("error");
    expect(outcome.body.result.error.email?.[0]).toMatch(/email/i);
  });

  it("an empty post to the forgot-password form is a 400 too, not a 500", async () => {
    const request = new Request("http://localhost:3000/forgot-password", { method: "POST", headers: { Origin: "http://localhost:3000" } });
    const outcome = await callRoute(withInvalidFormStatus(forgotPassword), request);
    expect(outcome.status).toBe(400);
    expect(outcome.body.result.error.email?.length).toBeGreaterThan(0);
  });

  it("a wrong password is a 400 with the form's own message", async () => {
    const user = await createAccount();
    const wrong = await callRoute(withInvalidFormStatus(signIn), await requestAs(null, "/login", { form: { email: user.email, password: "not the password at all" } }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error[""]?.[0]).toMatch(/email address and password do not match/i);
  });

  it("an action that wrapped its answer without choosing a status gets the 400 too (ask for a place, sent empty)", async () => {
    const activity = await createActivity({ selfReferral: true });
    const request = await requestAs(null, `/activities/${activity.id}/request-a-place`, { form: {} });
    const outcome = await callRoute(withInvalidFormStatus(askForAPlace), request, { id: activity.id });
    expect(outcome.status).toBe(400);
    expect(outcome.body.form.status).toBe("error");
  });

  it("a form that was accepted keeps its 200", async () => {
    const outcome = await callRoute(withInvalidFormStatus(forgotPassword), await requestAs(null, "/forgot-password", { form: { email: "nobody@example.test" } }));
    expect(outcome.status).toBe(200);
    expect(outcome.body.sentTo).toBe("nobody@example.test");
  });

  it("is applied to every action in the server build, and leaves loaders and the rest alone", async () => {
    const build = {
      routes: {
        "routes/forgot-password": { id: "routes/forgot-password", path: "forgot-password", module: { action: forgotPassword, default: () => null } },
        root: { id: "root", path: "", module: { default: () => null } },
      },
    } as unknown as ServerBuild;
    const wrapped = answerInvalidFormsWith400(build);
    expect(wrapped.routes.root).toBe(build.routes.root);
    const outcome = await callRoute(wrapped.routes["routes/forgot-password"]!.module.action!, await requestAs(null, "/forgot-password", { form: { email: "x" } }));
    expect(outcome.status).toBe(400);
  });
});
