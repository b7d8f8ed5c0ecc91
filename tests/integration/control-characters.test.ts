/**
 * A NUL byte (or any control character) in any text a person sends is removed
 * before it reaches a schema or the database; it used to end in a 500, with
 * the failing query — email and password hash included — in the log.
 */
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { action as signUp } from "~/routes/signup/route";
import { loader as searchPage } from "~/routes/search/route";
import { loader as searchApi } from "~/routes/api.search/route";
import { serializeError } from "~/utils/logger.server";
import { cleanText } from "~/utils/read-form.server";
import { callRoute } from "../setup/routes";
import { requestAs } from "../setup/auth";
import { emailsTo } from "../factories/accounts";

describe("control characters in text", () => {
  it("are removed from a sign-up, which goes ahead as if they were never typed", async () => {
    const outcome = await callRoute(
      signUp,
      await requestAs(null, "/signup", {
        form: { name: "Ann\u0000e Example", email: "nul-signup@example.test", password: "a long enough pass\u0000phrase 7", organisationName: "Leeds\u0000 Walkers", organisationKind: "provider" },
      }),
    );
    expect(outcome.status).toBe(200);
    expect(outcome.body.sentTo).toBe("nul-signup@example.test");
    const [email] = await emailsTo("nul-signup@example.test");
    expect(email.text).not.toContain("\u0000");
  });

  it("are removed from search words on the page and in the API", async () => {
    const page = await callRoute(searchPage, await requestAs(null, "/search?q=a%00b"));
    expect(page.status).toBe(200);
    const api = await callRoute(searchApi, await requestAs(null, "/api/search?q=a%00b"));
    expect(api.status).toBe(200);
  });

  it("keeps tabs and newlines, drops the rest, and mends broken surrogates", () => {
    expect(cleanText("a\tb\r\nc\u0000\u0008\u001b\u007fd")).toBe("a\tb\r\ncd");
    expect(cleanText("x\ud800y")).toBe("x\ufffdy");
    expect(cleanText("😀 café")).toBe("😀 café");
  });

  it("never logs a failed query's parameters", async () => {
    const db = await getDb();
    const error = await db.execute(sql`select ${"secret-person@example.test"}::int`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toContain("secret-person@example.test");
    const logged = JSON.stringify(serializeError(error));
    expect(logged).not.toContain("secret-person@example.test");
    expect(logged).toContain("params: [not logged]");
  });
});
