import { openDatabase, queryRows } from "./db/client";
import { sql } from "drizzle-orm";
const h = await openDatabase({ dataDir: "tests/.tmp/e2e-7/pglite" });
console.log(await queryRows(h.db, sql`select b.id, b.status, b.attendance, s.starts_at, s.ends_at, s.register_link_sent_at, s.status as sstatus from bookings b join sessions s on s.id=b.session_id`));
console.log(await queryRows(h.db, sql`select id, topic, payload->>'to' as to, payload->>'subject' as subject, processed_at, last_error from outbox order by id`));
console.log(await queryRows(h.db, sql`select "to", subject from dev_mailbox`));
await h.close();
