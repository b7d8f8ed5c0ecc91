/**
 * Unit test files get no database: one that reaches for it fails at once with
 * a message saying where such a test belongs, instead of opening ./data.
 * (db/client keeps its handle on globalThis.__linkwayDatabase.)
 */
import { startLikeAFreshProcess } from "./fresh-process";

startLikeAFreshProcess();

Object.defineProperty(globalThis, "__linkwayDatabase", {
  configurable: true,
  get: () =>
    Promise.reject(new Error("This test uses the database: put it in tests/integration/ or name it *.db.test.ts, so it gets its own test database.")),
  set: () => {},
});
