/**
 * Test databases: a migrated template is made once per run (global setup),
 * then every test file gets a fresh copy of it: a new database created from
 * the template on PostgreSQL, or an in-memory PGlite loaded from a dump.
 */
import path from "node:path";
import postgres from "postgres";

export const tmpDir = path.resolve("tests/.tmp");
export const pgliteTemplatePath = path.join(tmpDir, "pglite-template.tar");

/** The server URL CI gives us; test databases are created beside its database. */
export function serverUrl(): string | undefined {
  return process.env.TEST_SERVER_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs admin statements (CREATE/DROP DATABASE) on the server's maintenance database. */
export async function adminQuery(url: string, statement: string): Promise<void> {
  const admin = postgres(withDatabase(url, "postgres"), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end({ timeout: 5 });
  }
}
