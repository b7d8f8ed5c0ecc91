import type { Env } from "../../app/utils/env.server";
import { publicUrl } from "../../app/utils/env.server";
import { mailMode } from "../../app/modules/notifications/index.server";
import { devToolsAccess } from "../../app/utils/dev-tools.server";
import { demoAccounts } from "../../db/seed/demo-data";

export function printBanner(options: {
  config: Env;
  kind: string;
  seeded: boolean;
  seconds: number;
  worker: boolean;
}) {
  const { config } = options;
  const devTools = devToolsAccess(config);
  const lines = [
    "",
    `Linkway is running at ${publicUrl()} (ready in ${options.seconds.toFixed(1)} s)`,
    `  database: ${options.kind === "pglite" ? `embedded PGlite in ${config.DATA_DIR}/pglite` : "PostgreSQL"}${options.seeded ? " — demo data loaded" : ""}`,
    `  search:   ${config.MEILI_URL ? `Meilisearch at ${config.MEILI_URL}` : "PostgreSQL"}`,
    `  email:    ${{ smtp: "SMTP", "dev-mailbox": devTools.open ? `development mailbox at ${publicUrl()}/dev/mailbox` : "development mailbox (switched off, see below)", unconfigured: "NOT SENT: set SMTP_URL (emails wait in the outbox)" }[mailMode(config)]}`,
    `  worker:   ${options.worker ? "running in this process" : "off (run `npm run worker`)"}`,
  ];
  if (config.SEED_DEMO) {
    lines.push("", "Demo accounts:");
    for (const account of demoAccounts) lines.push(`  ${account.role.padEnd(10)} ${account.email}  password: ${account.password}`);
  }
  if (devTools.notice) lines.push("", `!! ${devTools.notice}`);
  console.log(lines.join("\n") + "\n");
}
