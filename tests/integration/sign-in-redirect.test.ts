/** After sign-in the site follows only its own paths, on the form post and on the page itself. */
import { describe, expect, it } from "vitest";
import { action, loader } from "~/routes/login/route";
import { callRoute } from "../setup/routes";
import { requestAs } from "../setup/auth";
import { createAccount, testPassword } from "../factories/accounts";

describe("sign-in redirectTo", () => {
  it("ignores a tab-smuggled address on the form post and lands on the person's own page", async () => {
    const user = await createAccount({ email: "redirect-post@example.test" });
    for (const redirectTo of ["/\t/evil.test", "/\\/evil.test", "//evil.test"]) {
      const outcome = await callRoute(action, await requestAs(null, "/login", { form: { email: user.email, password: testPassword, redirectTo } }));
      expect(outcome.status).toBe(302);
      expect(outcome.location).not.toMatch(/evil|[\s\\]/);
      expect(new URL(outcome.location!, "https://linkway.example").host).toBe("linkway.example");
    }
  });

  it("answers a signed-in visit with a newline in redirectTo with a redirect home, not a 500", async () => {
    const user = await createAccount({ email: "redirect-get@example.test" });
    for (const raw of ["/%0A/x", "/%09/evil.test", "/%5C/evil.test"]) {
      const outcome = await callRoute(loader, await requestAs(user.id, `/login?redirectTo=${raw}`));
      expect(outcome.status).toBe(302);
      expect(outcome.location).not.toMatch(/evil|[\s\\]/);
    }
  });

  it("still follows an ordinary same-site path", async () => {
    const user = await createAccount({ email: "redirect-ok@example.test" });
    const outcome = await callRoute(loader, await requestAs(user.id, "/login?redirectTo=%2Faccount%2Fsessions"));
    expect(outcome.location).toBe("/account/sessions");
  });
});
