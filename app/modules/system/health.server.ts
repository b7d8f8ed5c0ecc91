import { getDatabase, pingDatabase } from "#db/client";

export type Health =
  | { status: "ok"; db: "pglite" | "postgres" }
  | { status: "unavailable"; db: "pglite" | "postgres" | "unknown"; error: string };

/** A real round trip to the database; never throws. */
export async function checkHealth(): Promise<Health> {
  let kind: "pglite" | "postgres" | "unknown" = "unknown";
  try {
    const handle = await getDatabase();
    kind = handle.kind;
    const ok = await withTimeout(pingDatabase(handle.db), 3_000);
    return ok ? { status: "ok", db: handle.kind } : { status: "unavailable", db: kind, error: "unexpected reply" };
  } catch (error) {
    return { status: "unavailable", db: kind, error: error instanceof Error ? error.message : String(error) };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}
