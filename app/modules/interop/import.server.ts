/**
 * Imports: a CSV in our template or an HSDS/ORUK document (file or feed URL)
 * becomes activities of one organisation (or, for an admin's HSDS import,
 * of the organisations the feed names). Two steps:
 *
 * - `previewImport` reads the file, checks every row with the activity
 *   editor's own schema and database checks, decides create / update /
 *   unchanged / rejected per row by the row's source id, and stores exactly
 *   those checked rows server-side under the preview's id;
 * - `confirmImport` applies the stored rows, all in one transaction through
 *   the activities module's `saveActivity`: everything or nothing.
 *
 * A file with any rejected row cannot be confirmed: fix it and upload again.
 */
import { createHash } from "node:crypto";
import { parseWithZod } from "@conform-to/zod/v4";
import { parse as parseCsv } from "csv-parse/sync";
import type { z } from "zod";
import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb, type Tx } from "#db/client";
import { activities, activitySources, importPreviews, organisationSources } from "#db/schema";
import { findMembership, hitRateLimit, isAdministrator, rateLimitRules, recordAudit, tooManyAttemptsMessage } from "~/modules/accounts/index.server";
import {
  ActivityArchivedError,
  checkActivityValues,
  createActivityFormSchema,
  listCategoryOptions,
  saveActivity,
} from "~/modules/activities/index.server";
import { createImportedOrganisation } from "~/modules/organisations/index.server";
import { env } from "~/utils/env.server";
import { forbidden } from "~/utils/http.server";
import { MINUTE_MS } from "~/utils/time";
import { columnOfField, csvColumns } from "./import-csv";
import type { ImportFormat, PreviewRow, RowOutcome } from "./import-form";
import { fetchFeedText, FeedFetchError } from "./fetch-feed.server";
import { type EditorFields, type fieldsHsdsDoesNotCarry, serviceToImport, servicesInDocument, type HsdsServiceImport } from "./hsds-import-map";

/** The largest file an import reads (also the multipart limit of the upload pages). */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 500;
/** Pages of a feed read at most (100 services each). */
export const IMPORT_MAX_FEED_PAGES = 20;
const PREVIEW_TTL_MS = 60 * MINUTE_MS;

type FormValues = z.infer<ReturnType<typeof createActivityFormSchema>>;

interface OrganisationFromFeed {
  sourceId: string;
  name: string;
  description?: string;
  email?: string;
  website?: string;
  phone?: string;
}

interface StoredRow extends PreviewRow {
  values?: FormValues;
  publish: boolean;
  hash?: string;
  organisation?: OrganisationFromFeed;
}

/** Who is importing. Whether they are an administrator the module reads for itself, never from the caller. */
export interface ImportActor {
  userId: string;
}

export type PreviewResult =
  | { ok: true; previewId: string; rows: PreviewRow[]; counts: Record<RowOutcome, number> }
  | { ok: false; field: "file" | "url"; message: string };

export type ConfirmResult =
  | { ok: true; counts: Record<RowOutcome, number> }
  | { ok: false; message: string };

/** Raw rows before the editor's checks. */
interface RawRow {
  row: number;
  sourceId: string;
  title: string;
  fields: EditorFields;
  reasons: string[];
  publish: boolean;
  hsds?: HsdsServiceImport;
}

class FileProblem extends Error {}

/** Only members of the organisation (or an admin) may import into it; only an admin may import a whole feed's organisations. */
async function checkMayImport(actor: ImportActor, organisationId: string | null, format: ImportFormat) {
  if (await isAdministrator(actor.userId)) {
    if (organisationId === null && format !== "hsds") throw forbidden("Choose the organisation to import into.");
    return;
  }
  if (organisationId === null) throw forbidden("Only an administrator can import organisations.");
  const membership = await findMembership(actor.userId, organisationId);
  if (!membership || membership.kind !== "provider") throw forbidden("You are not a member of that organisation.");
}

function csvRows(text: string): RawRow[] {
  let lines: { record: string[]; info: { lines: number } }[];
  try {
    lines = parseCsv(text, {
      bom: true,
      skip_empty_lines: true,
      // A line with more or fewer values than headings is reported on its row, not refused as a whole file.
      relax_column_count: true,
      trim: true,
      info: true,
      max_record_size: 64 * 1024,
      to: IMPORT_MAX_ROWS + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new FileProblem(`This file could not be read as CSV: ${(error as Error).message}`);
  }
  const [head, ...body] = lines;
  if (body.length > IMPORT_MAX_ROWS) throw new FileProblem(`A file can hold at most ${IMPORT_MAX_ROWS} activities. Split it into smaller files.`);
  if (!head || !body.length) throw new FileProblem("This file has no activities in it. Use the template: one activity on each line under the headings.");
  const known = new Set(csvColumns.map((c) => c.name));
  const headers = head.record.map((h) => h.trim().toLowerCase());
  const unknown = headers.filter((h) => !known.has(h));
  if (unknown.length) throw new FileProblem(`These column headings are not in the template: ${unknown.join(", ")}. Use the template's headings.`);
  if (!headers.includes("source_id") || !headers.includes("title")) throw new FileProblem("The file needs the template's headings on its first line, including source_id and title.");
  const records = body.map(({ record: values, info }) => ({
    record: Object.fromEntries(headers.map((h, i) => [h, values[i] ?? ""])) as Record<string, string>,
    info,
    count: values.length,
  }));
  return records.map(({ record, info, count }) => {
    if (count !== headers.length) {
      return {
        row: info.lines,
        sourceId: record.source_id ?? "",
        title: record.title ?? "",
        fields: {},
        reasons: [`This line has ${count} values but there are ${headers.length} headings. A value with a comma in it needs "quotes" around it`],
        publish: false,
      };
    }
    const reasons: string[] = [];
    const fields: EditorFields = {};
    for (const column of csvColumns) {
      const value = record[column.name] ?? "";
      if (!value || column.field === "sourceId" || column.field === "status") continue;
      if (column.list) fields[column.field] = value.split(";").map((v) => v.trim()).filter(Boolean);
      else if (column.yesNo) {
        if (/^(yes|y|true)$/i.test(value)) fields[column.field] = "on";
        else if (!/^(no|n|false)$/i.test(value)) reasons.push(`${column.name}: write yes or no`);
      } else fields[column.field] = column.field === "requiresScreening" ? value.toLowerCase() : value;
    }
    const status = (record.status ?? "").toLowerCase();
    if (status && status !== "published" && status !== "draft") reasons.push("status: write published or draft");
    const sourceId = record.source_id ?? "";
    if (!sourceId) reasons.push("source_id: give each activity a reference of your own, so importing again updates it");
    return { row: info.lines, sourceId, title: record.title ?? "", fields, reasons, publish: status !== "draft" };
  });
}

async function hsdsDocuments(input: { text?: string; url?: string }): Promise<unknown[]> {
  if (input.text !== undefined) {
    try {
      return [JSON.parse(input.text)];
    } catch {
      throw new FileProblem("This file is not JSON. Choose an HSDS or Open Referral UK file (services as JSON).");
    }
  }
  const docs: unknown[] = [];
  let url = new URL(input.url!.trim());
  if (!/\/services\/?$/.test(url.pathname) && !url.searchParams.has("page")) url = new URL(`${url.pathname.replace(/\/?$/, "/")}services${url.search}`, url);
  for (let page = 1; page <= IMPORT_MAX_FEED_PAGES; page++) {
    url.searchParams.set("page", String(page));
    if (!url.searchParams.has("per_page")) url.searchParams.set("per_page", "100");
    const { text } = await fetchFeedText(url.toString(), { accept: "application/json" });
    let doc: { last_page?: boolean; total_pages?: number; contents?: unknown[] };
    try {
      doc = JSON.parse(text);
    } catch {
      throw new FileProblem("The feed did not answer with JSON. Give the address of an HSDS or Open Referral UK API.");
    }
    docs.push(doc);
    if (!Array.isArray(doc?.contents) || doc.last_page !== false || (doc.total_pages !== undefined && page >= doc.total_pages)) break;
  }
  return docs;
}

async function hsdsRows(docs: unknown[]): Promise<RawRow[]> {
  const services = docs.flatMap((doc) => {
    const list = servicesInDocument(doc);
    if (!list) throw new FileProblem("This is not an HSDS services document: it has no services (a page with contents, a list, or one service).");
    return list;
  });
  if (services.length > IMPORT_MAX_ROWS) throw new FileProblem(`An import can hold at most ${IMPORT_MAX_ROWS} services.`);
  if (!services.length) throw new FileProblem("This document has no services in it.");
  const categories = await listCategoryOptions();
  const bySlug = new Set(categories.map((c) => c.slug));
  const byName = new Map(categories.map((c) => [c.name.toLowerCase(), c.slug]));
  return services.map((service, i) => {
    const hsds = serviceToImport(service);
    const reasons: string[] = [];
    if (!hsds.sourceId) reasons.push("id: every service needs an id");
    if (!hsds.fields["schedules[0].repeat"]) reasons.push("schedules: the service says nothing about when it happens");
    const category = hsds.categoryCodes.find((c) => bySlug.has(c)) ?? hsds.categoryNames.map((n) => byName.get(n.toLowerCase())).find(Boolean);
    if (category) hsds.fields.category = category;
    else reasons.push(`category: none of its taxonomy terms (${[...hsds.categoryNames, ...hsds.categoryCodes].join(", ") || "none"}) is one of Linkway's categories`);
    return { row: i + 1, sourceId: hsds.sourceId, title: hsds.title, fields: hsds.fields, reasons, publish: hsds.publish, hsds };
  });
}

function toFormData(fields: EditorFields): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) value.forEach((v) => form.append(name, v));
    else form.append(name, value);
  }
  return form;
}

function hashOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

/** The fields HSDS lacks, from the activity being updated. */
async function keptFields(activityId: string): Promise<EditorFields> {
  const db = await getDb();
  const [a] = await db.select().from(activities).where(eq(activities.id, activityId));
  if (!a) return {};
  const kept: Record<(typeof fieldsHsdsDoesNotCarry)[number], string> = {
    capacity: String(a.capacity),
    requiresScreening: a.requiresScreening ? "yes" : "no",
    tags: a.tags.join(", "),
    completionSessions: a.completionSessions == null ? "" : String(a.completionSessions),
    onlineUrl: a.onlineUrl ?? "",
  };
  return Object.fromEntries(Object.entries(kept).filter(([, v]) => v !== ""));
}

async function findSourceOrganisation(source: string, sourceId: string, executor?: Tx): Promise<string | null> {
  const db = executor ?? (await getDb());
  const [row] = await db
    .select({ organisationId: organisationSources.organisationId })
    .from(organisationSources)
    .where(and(eq(organisationSources.source, source), eq(organisationSources.sourceId, sourceId)));
  return row?.organisationId ?? null;
}

async function findSource(organisationId: string, source: string, sourceId: string, executor?: Tx) {
  const db = executor ?? (await getDb());
  const [row] = await db
    .select({ activityId: activitySources.activityId, contentHash: activitySources.contentHash, status: activities.status })
    .from(activitySources)
    .innerJoin(activities, eq(activities.id, activitySources.activityId))
    .where(and(eq(activitySources.organisationId, organisationId), eq(activitySources.source, source), eq(activitySources.sourceId, sourceId)));
  return row ?? null;
}

async function checkRow(raw: RawRow, input: { organisationId: string | null; format: ImportFormat; now: Date }, seen: Set<string>): Promise<StoredRow> {
  const base = { row: raw.row, sourceId: raw.sourceId, title: raw.title || "(no title)", publish: raw.publish };
  const organisation = input.organisationId === null ? (raw.hsds?.organisation ?? undefined) : undefined;
  const reasons = [...raw.reasons];
  if (input.organisationId === null && !organisation) reasons.push("organization: the service does not say which organisation runs it");
  const scope = input.organisationId ?? (organisation ? await findSourceOrganisation(input.format, organisation.sourceId) : null);
  const key = `${organisation?.sourceId ?? ""}|${raw.sourceId}`;
  if (raw.sourceId && seen.has(key)) reasons.push(`source_id: ${raw.sourceId} is used by an earlier row too`);
  seen.add(key);
  const existing = scope && raw.sourceId ? await findSource(scope, input.format, raw.sourceId) : null;
  if (existing?.status === "archived") reasons.push("This activity is archived on Linkway. Restore it as a draft before importing it again");
  let fields = raw.fields;
  if (input.format === "hsds") fields = { ...fields, ...(existing ? await keptFields(existing.activityId) : {}) };
  const bounds = env().GEO_BOUNDS;
  const submission = parseWithZod(toFormData(fields), { schema: createActivityFormSchema({ bounds, now: input.now }) });
  if (submission.status !== "success") {
    for (const [path, messages] of Object.entries(submission.error ?? {})) {
      if (messages?.length) reasons.push(`${columnOfField(path)}: ${messages.join("; ")}`);
    }
    return { ...base, outcome: "rejected", reasons, organisationName: organisation?.name };
  }
  const checked = await checkActivityValues(submission.value, bounds);
  if (!checked.ok) {
    for (const [path, messages] of Object.entries(checked.fieldErrors)) reasons.push(`${columnOfField(path)}: ${messages.join("; ")}`);
  }
  if (reasons.length || !checked.ok) return { ...base, outcome: "rejected", reasons, organisationName: organisation?.name };
  const hash = hashOf({ values: checked.values, publish: raw.publish, organisation });
  const outcome: RowOutcome = !existing ? "create" : existing.contentHash === hash ? "unchanged" : "update";
  return { ...base, outcome, reasons: [], values: checked.values, hash, organisation, organisationName: organisation?.name };
}

function countRows(rows: PreviewRow[]): Record<RowOutcome, number> {
  const counts: Record<RowOutcome, number> = { create: 0, update: 0, unchanged: 0, rejected: 0 };
  for (const r of rows) counts[r.outcome] += 1;
  return counts;
}

const publicRow = ({ row, sourceId, title, outcome, reasons, organisationName }: StoredRow): PreviewRow => ({
  row,
  sourceId,
  title,
  outcome,
  reasons,
  ...(organisationName ? { organisationName } : {}),
});

/**
 * Reads and checks an import and keeps it for the confirm step. Nothing is
 * written but the preview itself (and the rate-limit count).
 */
export async function previewImport(input: {
  actor: ImportActor;
  organisationId: string | null;
  format: ImportFormat;
  file?: { name: string; text: string };
  url?: string;
  now: Date;
  onProgress?: (done: number, total: number) => void;
}): Promise<PreviewResult> {
  await checkMayImport(input.actor, input.organisationId, input.format);
  const field = input.url !== undefined ? "url" : "file";
  if (input.file && Buffer.byteLength(input.file.text) > IMPORT_MAX_BYTES)
    return { ok: false, field, message: `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.` };
  const limit = await hitRateLimit(rateLimitRules.importOrganisation, input.organisationId ?? `admin:${input.actor.userId}`, { now: input.now });
  if (!limit.allowed) return { ok: false, field, message: tooManyAttemptsMessage(limit.retryAfterMs) };
  let raw: RawRow[];
  try {
    if (input.format === "csv") raw = csvRows(input.file?.text ?? "");
    else raw = await hsdsRows(await hsdsDocuments({ text: input.file?.text, url: input.url }));
  } catch (error) {
    if (error instanceof FileProblem || error instanceof FeedFetchError) return { ok: false, field, message: error.message };
    throw error;
  }
  const seen = new Set<string>();
  const rows: StoredRow[] = [];
  for (const r of raw) {
    rows.push(await checkRow(r, input, seen));
    input.onProgress?.(rows.length, raw.length);
  }
  const db = await getDb();
  const [preview] = await db
    .insert(importPreviews)
    .values({
      organisationId: input.organisationId,
      userId: input.actor.userId,
      format: input.format,
      fileName: input.file?.name ?? input.url ?? null,
      rows,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + PREVIEW_TTL_MS),
    })
    .returning({ id: importPreviews.id });
  const shown = rows.map(publicRow);
  return { ok: true, previewId: preview.id, rows: shown, counts: countRows(shown) };
}

/**
 * A preview belongs to the person who made it and to the organisation it was made for (null: an HSDS feed into
 * the organisations it names); `organisationId` undefined lets any organisation's preview through.
 */
function ownPreview(input: { actor: ImportActor; previewId: string; organisationId: string | null | undefined }) {
  return and(
    eq(importPreviews.id, input.previewId),
    eq(importPreviews.userId, input.actor.userId),
    input.organisationId === undefined
      ? undefined
      : input.organisationId === null
        ? isNull(importPreviews.organisationId)
        : eq(importPreviews.organisationId, input.organisationId),
  );
}

/** A preview as stored, for showing it again (only to the person who made it). */
export async function readImportPreview(input: { actor: ImportActor; previewId: string; organisationId: string | null; now: Date; anyOrganisation?: boolean }) {
  const db = await getDb();
  const [preview] = await db
    .select()
    .from(importPreviews)
    .where(
      and(
        // The admin page shows an admin's previews for any organisation; an organisation's page only its own.
        ownPreview({ ...input, organisationId: input.anyOrganisation && (await isAdministrator(input.actor.userId)) ? undefined : input.organisationId }),
        gt(importPreviews.expiresAt, input.now),
      ),
    );
  if (!preview) return null;
  const rows = (preview.rows as StoredRow[]).map(publicRow);
  return { id: preview.id, organisationId: preview.organisationId, fileName: preview.fileName, format: preview.format as ImportFormat, appliedAt: preview.appliedAt, rows, counts: countRows(rows) };
}

class RowFailed extends Error {
  constructor(readonly row: StoredRow, readonly reasons: string[]) {
    super("row failed");
  }
}

/** Applies a stored preview exactly as it was shown: every row or none. */
export async function confirmImport(input: { actor: ImportActor; previewId: string; organisationId: string | null; now: Date; ip?: string | null }): Promise<ConfirmResult> {
  const db = await getDb();
  const [preview] = await db
    .select()
    .from(importPreviews)
    .where(ownPreview(input));
  if (!preview) return { ok: false, message: "We could not find that preview. Upload the file again." };
  await checkMayImport(input.actor, preview.organisationId, preview.format as ImportFormat);
  if (preview.appliedAt) return { ok: false, message: "This import has already been applied." };
  if (preview.expiresAt <= input.now) return { ok: false, message: "This preview is more than an hour old. Upload the file again to check it afresh." };
  const rows = preview.rows as StoredRow[];
  const counts = countRows(rows);
  if (counts.rejected) return { ok: false, message: "Some rows cannot be imported. Fix them in your file and upload it again." };
  const format = preview.format as ImportFormat;
  const bounds = env().GEO_BOUNDS;
  try {
    await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(importPreviews)
        .set({ appliedAt: input.now })
        .where(and(eq(importPreviews.id, preview.id), isNull(importPreviews.appliedAt)))
        .returning({ id: importPreviews.id });
      if (!claimed) throw new RowFailed(rows[0], ["This import has already been applied."]);
      for (const row of rows) {
        if (row.outcome === "unchanged" || !row.values) continue;
        let organisationId = preview.organisationId;
        if (organisationId === null) {
          const org = row.organisation!;
          organisationId = await findSourceOrganisation(format, org.sourceId, tx);
          if (!organisationId) {
            organisationId = (await createImportedOrganisation(tx, { ...org, actorUserId: input.actor.userId })).id;
            await tx.insert(organisationSources).values({ source: format, sourceId: org.sourceId, organisationId });
          }
        }
        const existing = await findSource(organisationId, format, row.sourceId, tx);
        const saved = await saveActivity({
          activityId: existing?.activityId ?? null,
          organisationId,
          userId: input.actor.userId,
          values: row.values,
          publish: row.publish,
          now: input.now,
          bounds,
          tx,
        });
        if (!saved.ok) throw new RowFailed(row, Object.entries(saved.fieldErrors).map(([path, m]) => `${columnOfField(path)}: ${m.join("; ")}`));
        await tx
          .insert(activitySources)
          .values({ organisationId, source: format, sourceId: row.sourceId, activityId: saved.activityId, contentHash: row.hash!, createdAt: input.now, updatedAt: input.now })
          .onConflictDoUpdate({
            target: [activitySources.organisationId, activitySources.source, activitySources.sourceId],
            set: { activityId: saved.activityId, contentHash: row.hash!, updatedAt: input.now },
          });
      }
      await recordAudit(
        {
          action: "import.applied",
          actorUserId: input.actor.userId,
          targetType: preview.organisationId ? "organisation" : undefined,
          targetId: preview.organisationId ?? undefined,
          ip: input.ip ?? null,
          details: { format, preview: preview.id, file: preview.fileName, created: counts.create, updated: counts.update, unchanged: counts.unchanged },
        },
        tx,
      );
    });
  } catch (error) {
    if (error instanceof RowFailed) return { ok: false, message: `Nothing was imported. Row ${error.row.row} (${error.row.title}): ${error.reasons.join(" ")}` };
    if (error instanceof ActivityArchivedError) return { ok: false, message: `Nothing was imported. ${error.message}` };
    throw error;
  }
  return { ok: true, counts };
}
