import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase } from "../../db/client";
import { loader } from "~/routes/healthz";

describe("GET /healthz", () => {
  it("is 200 with the database kind after a round trip", async () => {
    const response = await loader();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe("ok");
    expect(["pglite", "postgres"]).toContain(body.db);
  });

  describe("when the database cannot be reached", () => {
    const saved = { ...process.env };
    afterAll(async () => {
      await closeDatabase();
      process.env = saved;
    });

    it("is 503 and says so, without a stack trace", async () => {
      await closeDatabase();
      // Port 9 (discard) on loopback: nothing listens, so the connection is refused.
      process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:9/nothing";
      const response = await loader();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "unavailable", db: "postgres" });
    });
  });
});
