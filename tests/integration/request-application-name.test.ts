/**
 * Issue 18.4: a request's id reaches the database. Each transaction a request
 * begins carries the id in application_name (what pg_stat_activity and the
 * server's log show), through the same middleware order as the real server —
 * body limits included, which read a form before passing it on.
 *
 * Needs PostgreSQL: application_name is a PostgreSQL server setting that the
 * embedded PGlite has no sessions to show.
 */
import { sql } from "drizzle-orm";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnFreePort } from "../setup/listen";
import { getDb, queryRows } from "../../db/client";
import { requestLog } from "../../scripts/lib/operations";
import { requestQueryContext } from "../../scripts/lib/query-context";
import { applyRequestGuards } from "../../scripts/lib/server";

const onPostgres = Boolean(process.env.TEST_SERVER_DATABASE_URL);

describe.skipIf(!onPostgres)("the request id in the database's application_name (PostgreSQL only)", () => {
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const app = express();
    app.use(requestLog());
    applyRequestGuards(app, { PUBLIC_URL: undefined, PORT: 3000 });
    app.use(requestQueryContext({}));
    app.all("*", (_req, res, next) => {
      void (async () => {
        const db = await getDb();
        const name = sql`select current_setting('application_name') as name`;
        const inTransaction = await db.transaction(async (tx) => (await queryRows<{ name: string }>(tx, name))[0]!.name);
        const outside = (await queryRows<{ name: string }>(db, name))[0]!.name;
        res.json({ inTransaction, outside });
      })().catch(next);
    });
    ({ base, close } = await listenOnFreePort(app));
  });

  afterAll(() => close());

  it("names each transaction after the request, a form post included, and gives the connection back under the process's name", async () => {
    const posted = await fetch(`${base}/book`, {
      method: "POST",
      headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded", "X-Request-Id": "proxy-req-0001" },
      body: "intent=book",
    });
    expect(posted.headers.get("x-request-id")).toBe("proxy-req-0001");
    expect(await posted.json()).toEqual({ inTransaction: "linkway proxy-req-0001", outside: "linkway" });

    const page = await fetch(`${base}/search`);
    const id = page.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.json()).toEqual({ inTransaction: `linkway ${id}`, outside: "linkway" });
  });
});
