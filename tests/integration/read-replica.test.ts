/**
 * Issue 18.3: with DATABASE_REPLICA_URL set, search, reports and public pages
 * read from the replica; writes, the worker, and requests that write (or come
 * from a browser that just wrote) use the primary. The "replica" here is a
 * second database made from the same migrations holding different rows, so
 * which database answered is plain to see.
 *
 * Needs PostgreSQL: on PGlite there is one embedded instance, so reads always
 * share it (checked at the end).
 */
import { sql } from "drizzle-orm";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnFreePort } from "../setup/listen";
import { closeDatabase, getDb, getReadDatabase, getDatabase, queryRows, readFromPrimary } from "../../db/client";
import { activities } from "../../db/schema";
import { findPublishedActivity, parseSearchParams, searchActivities } from "~/modules/activities/index.server";
import { activityCalendar } from "~/modules/interop/index.server";
import { listTowns } from "~/modules/reports/index.server";
import { runJobsOnce } from "~/modules/worker/index.server";
import * as hsdsServices from "~/routes/api.hsds.services._index/route";
import { requestQueryContext, WROTE_COOKIE } from "../../scripts/lib/query-context";
import { createActivity } from "../factories";
import { callRoute } from "../setup/routes";
import { adminQuery, withDatabase } from "../setup/test-database";

const server = process.env.TEST_SERVER_DATABASE_URL;
const template = process.env.TEST_TEMPLATE_DATABASE;
const onPostgres = Boolean(server && template);

async function searchTitles(query = ""): Promise<string[]> {
  const parsed = parseSearchParams(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.error);
  const result = await searchActivities(parsed.params, { log: false });
  if (!result.ok) throw new Error(result.error);
  return result.hits.map((h) => h.title).sort();
}

const titleOf = async (id: string) => (await findPublishedActivity(id))?.title ?? null;

describe.skipIf(!onPostgres)("a read replica for reads that may lag (PostgreSQL only)", () => {
  const replicaName = `linkway_replica_test_${process.pid}`;
  let primaryUrl: string;
  let replicaUrl: string;
  let onReplica: { id: string };
  let onPrimary: { id: string };

  beforeAll(async () => {
    primaryUrl = process.env.DATABASE_URL!;
    await adminQuery(server!, `DROP DATABASE IF EXISTS ${replicaName} WITH (FORCE)`);
    await adminQuery(server!, `CREATE DATABASE ${replicaName} TEMPLATE ${template}`);
    replicaUrl = withDatabase(server!, replicaName);
    // Rows only the replica has, written with the same factories pointed at it for a moment.
    await closeDatabase();
    process.env.DATABASE_URL = replicaUrl;
    onReplica = await createActivity({ title: "Lido Swim", town: "Harrogate" });
    await closeDatabase();
    process.env.DATABASE_URL = primaryUrl;
    onPrimary = await createActivity({ title: "Canal Walk", town: "Otley" });
    process.env.DATABASE_REPLICA_URL = replicaUrl;
  });

  afterAll(async () => {
    delete process.env.DATABASE_REPLICA_URL;
    await closeDatabase();
    await adminQuery(server!, `DROP DATABASE IF EXISTS ${replicaName} WITH (FORCE)`);
  });

  it("answers search, the public activity page, its calendar, the HSDS API and reports from the replica", async () => {
    expect(await searchTitles()).toEqual(["Lido Swim"]);
    expect(await searchTitles("q=canal")).toEqual([]);
    expect(await titleOf(onReplica.id)).toBe("Lido Swim");
    expect(await titleOf(onPrimary.id)).toBeNull();
    expect((await activityCalendar(onReplica.id, new Date()))?.title).toBe("Lido Swim");
    const hsds = await callRoute(hsdsServices.loader, new Request("http://localhost:3000/api/hsds/services"));
    expect(hsds.body.contents.map((s: { name: string }) => s.name)).toEqual(["Lido Swim"]);
    expect(await listTowns()).toEqual(["Harrogate"]);
    // The replica's connections name themselves, so a DBA sees which pool asked.
    const names = await queryRows<{ name: string }>(await getDb(), sql`select distinct application_name as name from pg_stat_activity where datname = ${replicaName}`);
    expect(names.map((n) => n.name)).toContain("linkway-replica");
  });

  it("writes, and everything else a page reads, go to the primary", async () => {
    const made = await createActivity({ title: "Chair Yoga", town: "Ilkley" });
    const db = await getDb();
    const onPrimaryRows = await db.select({ title: activities.title }).from(activities).orderBy(activities.title);
    expect(onPrimaryRows.map((r) => r.title)).toEqual(["Canal Walk", "Chair Yoga"]);
    // Not yet on the "replica" (a real one would have it a moment later).
    expect(await titleOf(made.id)).toBeNull();
    expect(await readFromPrimary(() => titleOf(made.id))).toBe("Chair Yoga");
  });

  it("has background jobs read from the primary, since they decide what to write", async () => {
    let seen: string | null | undefined;
    await runJobsOnce([{ name: "test-reads", everyMs: 60_000, run: async () => void (seen = await titleOf(onPrimary.id)) }]);
    expect(seen).toBe("Canal Walk");
  });

  it("reads from the primary in a request that writes and for a few seconds after it, in that browser only", async () => {
    const app = express();
    app.use(requestQueryContext({ DATABASE_REPLICA_URL: replicaUrl }));
    app.all("*", (_req, res, next) => {
      void Promise.all([titleOf(onReplica.id), titleOf(onPrimary.id)]).then(([replica, primary]) => res.json({ from: replica ? "replica" : primary ? "primary" : "neither" }), next);
    });
    const { base, close } = await listenOnFreePort(app);
    try {
      const page = async (init: RequestInit = {}) => {
        const res = await fetch(`${base}/activities/x`, init);
        return { from: ((await res.json()) as { from: string }).from, cookie: res.headers.get("set-cookie") };
      };
      expect(await page()).toEqual({ from: "replica", cookie: null });
      const posted = await page({ method: "POST" });
      expect(posted.from).toBe("primary");
      expect(posted.cookie).toMatch(new RegExp(`^${WROTE_COOKIE}=1; Max-Age=5; Path=/; HttpOnly; SameSite=Lax$`));
      expect((await page({ headers: { Cookie: `theme=x; ${WROTE_COOKIE}=1` } })).from).toBe("primary");
      expect((await page({ headers: { Cookie: "theme=x" } })).from).toBe("replica");
    } finally {
      await close();
    }
  });

  it("uses the primary for everything when no replica is set", async () => {
    delete process.env.DATABASE_REPLICA_URL;
    try {
      expect(await getReadDatabase()).toBe(await getDatabase());
      expect(await searchTitles()).toEqual(["Canal Walk", "Chair Yoga"]);
    } finally {
      process.env.DATABASE_REPLICA_URL = replicaUrl;
    }
  });
});

describe.skipIf(onPostgres)("a read replica on PGlite", () => {
  it("is the one embedded database, whatever DATABASE_REPLICA_URL says", async () => {
    process.env.DATABASE_REPLICA_URL = "postgres://nobody@127.0.0.1:1/none";
    try {
      expect(await getReadDatabase()).toBe(await getDatabase());
    } finally {
      delete process.env.DATABASE_REPLICA_URL;
    }
  });
});
