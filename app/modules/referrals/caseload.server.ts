/**
 * The referrer's caseload: their organisation's referrals (never another
 * organisation's), with status, next session and last event, filtered and
 * sorted — "needs attention first" (needs-attention.server.ts) puts stalled,
 * declined, did-not-attend and expired referrals on top.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "#db/client";
import { activities, referrals, users } from "#db/schema";
import { now as clockNow } from "~/utils/clock.server";
import { statusLabels } from "./lifecycle";
import { attentionReason, needsAttentionRankSql } from "./needs-attention.server";
import type { CaseloadQuery } from "./schemas";
import { formatInTimezone, SITE_TIMEZONE } from "~/utils/time";

export const CASELOAD_PAGE_SIZE = 25;

export async function listCaseload(organisationIds: string[], query: CaseloadQuery, now: Date = clockNow()) {
  const db = await getDb();
  if (organisationIds.length === 0) return { rows: [], total: 0, page: 1, pages: 1, activities: [] };
  const nowIso = now.toISOString();
  const attentionRank = needsAttentionRankSql();
  const nextSession = sql<string | null>`(select min(s.starts_at) from bookings b join sessions s on s.id = b.session_id
      where b.referral_id = ${referrals.id} and b.status = 'booked' and s.status = 'scheduled' and s.starts_at > ${nowIso}::timestamptz)`;
  const lastEventAt = sql<string | null>`(select max(e.at) from referral_events e where e.referral_id = ${referrals.id})`;
  const lastEventKind = sql<string | null>`(select e.kind from referral_events e where e.referral_id = ${referrals.id} order by e.at desc, e.id desc limit 1)`;

  const filters: SQL[] = [inArray(referrals.referrerOrganisationId, organisationIds)];
  if (query.status) filters.push(eq(referrals.status, query.status as (typeof referrals.status.enumValues)[number]));
  if (query.activity) filters.push(eq(referrals.activityId, query.activity));
  const where = and(...filters);

  const order =
    query.sort === "attention"
      ? [asc(attentionRank), desc(referrals.statusChangedAt), asc(referrals.id)]
      : query.sort === "oldest"
        ? [asc(referrals.createdAt), asc(referrals.id)]
        : query.sort === "name"
          ? [asc(sql`lower(${referrals.personFirstName})`), asc(referrals.id)]
          : [desc(referrals.createdAt), asc(referrals.id)];

  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(referrals).where(where);
  const pages = Math.max(1, Math.ceil(Number(total) / CASELOAD_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const rows = await db
    .select({
      id: referrals.id,
      code: referrals.code,
      firstName: referrals.personFirstName,
      lastName: referrals.personLastName,
      status: referrals.status,
      createdAt: referrals.createdAt,
      activityId: activities.id,
      activityTitle: activities.title,
      timezone: activities.timezone,
      referrerName: users.name,
      attentionRank,
      nextSession,
      lastEventAt,
      lastEventKind,
    })
    .from(referrals)
    .leftJoin(activities, eq(activities.id, referrals.activityId))
    .leftJoin(users, eq(users.id, referrals.referrerUserId))
    .where(where)
    .orderBy(...order)
    .limit(CASELOAD_PAGE_SIZE)
    .offset((page - 1) * CASELOAD_PAGE_SIZE);

  const activityOptions = await db
    .selectDistinct({ id: activities.id, title: activities.title })
    .from(referrals)
    .innerJoin(activities, eq(activities.id, referrals.activityId))
    .where(inArray(referrals.referrerOrganisationId, organisationIds))
    .orderBy(asc(activities.title));

  return {
    total: Number(total),
    page,
    pages,
    activities: activityOptions,
    rows: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: `${r.firstName} ${r.lastName}`,
      activityTitle: r.activityTitle ?? "Connection actions only",
      status: r.status,
      statusLabel: statusLabels[r.status],
      referredBy: r.referrerName,
      attention: attentionReason(r.attentionRank, r.status),
      nextSession: r.nextSession ? formatInTimezone(new Date(r.nextSession), r.timezone ?? SITE_TIMEZONE, "datetime") : null,
      lastEvent: r.lastEventAt ? { at: formatInTimezone(new Date(r.lastEventAt), r.timezone ?? SITE_TIMEZONE, "datetime"), kind: r.lastEventKind ?? "" } : null,
    })),
  };
}
