/**
 * The register's form posts, for the organiser page and the one-tap link
 * page alike: one entry that reads the intent and calls the right verb.
 * Refusals come back as results with an HTTP status; nothing is written.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { getDb } from "#db/client";
import { now as clockNow } from "~/utils/clock.server";
import { AttendanceError } from "./attendance-error";
import { markAttendance, markEveryoneAttended, type RegisterAccess } from "./mark-attendance.server";
import { resolveRegisterLink } from "./register-link.server";
import type { RegisterActionResult } from "./register-results";
import { reopenRegister, requestNewRegisterLink } from "./register.server";
import { markIntentSchema, walkInSchema } from "./schemas";
import { addWalkIn } from "./walk-in.server";

export interface RegisterActionOutcome {
  result: RegisterActionResult;
  status: number;
}

async function attempt<T>(work: () => Promise<T>): Promise<{ value: T } | { error: AttendanceError }> {
  try {
    return { value: await work() };
  } catch (error) {
    if (error instanceof AttendanceError) return { error };
    throw error;
  }
}

/**
 * `sessionId` is the page's session (organiser page); for a one-tap link it
 * comes from the link itself.
 */
export async function runRegisterAction(input: { formData: FormData; sessionId?: string; access: RegisterAccess }): Promise<RegisterActionOutcome> {
  const { formData, access } = input;
  const intent = String(formData.get("intent") ?? "");
  const now = clockNow();

  let sessionId = input.sessionId ?? "";
  if (access.type === "register_link") {
    const grant = await attempt(async () => resolveRegisterLink(await getDb(), access.token, now));
    if ("error" in grant) return { result: { intent: "unknown", ok: false, message: grant.error.message }, status: grant.error.status };
    sessionId = grant.value.sessionId;
    // A link marks attendance and nothing else.
    if (intent !== "mark" && intent !== "everyone") {
      return { result: { intent: "unknown", ok: false, message: "This link can only be used to mark attendance." }, status: 403 };
    }
  }

  if (intent === "mark") {
    const parsed = markIntentSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return { result: { intent: "mark", ok: false, bookingId: String(formData.get("bookingId") ?? ""), attendance: "unmarked", error: "Choose attended, did not attend or undo." }, status: 400 };
    }
    const { bookingId, attendance } = parsed.data;
    const done = await attempt(() => markAttendance({ sessionId, bookingId, attendance, access, now }));
    if ("error" in done) return { result: { intent, ok: false, bookingId, attendance, error: done.error.message }, status: done.error.status };
    return { result: { intent, ok: true, bookingId, attendance }, status: 200 };
  }

  if (intent === "everyone") {
    const done = await attempt(() => markEveryoneAttended({ sessionId, access, now }));
    if ("error" in done) return { result: { intent, ok: false, error: done.error.message }, status: done.error.status };
    return { result: { intent, ok: true, marked: done.value.marked }, status: 200 };
  }

  if (access.type !== "user") return { result: { intent: "unknown", ok: false, message: "This link can only be used to mark attendance." }, status: 403 };

  if (intent === "walk_in") {
    const submission = parseWithZod(formData, { schema: walkInSchema });
    if (submission.status !== "success") return { result: { intent, ok: false, reply: submission.reply() }, status: 400 };
    const done = await attempt(() => addWalkIn({ sessionId, userId: access.userId, person: submission.value, now }));
    if ("error" in done) {
      return { result: { intent, ok: false, reply: submission.reply({ formErrors: [done.error.message] }) }, status: done.error.status };
    }
    return {
      result: { intent, ok: true, reply: submission.reply({ resetForm: true }), added: { name: done.value.name, code: done.value.code } },
      status: 200,
    };
  }

  if (intent === "reopen") {
    const done = await attempt(() => reopenRegister({ sessionId, userId: access.userId, ip: access.ip, now }));
    if ("error" in done) return { result: { intent, ok: false, message: done.error.message }, status: done.error.status };
    return { result: { intent, ok: true, message: "The register is open again for 7 days." }, status: 200 };
  }

  if (intent === "resend_link") {
    const done = await attempt(() => requestNewRegisterLink({ sessionId, userId: access.userId, now }));
    if ("error" in done) return { result: { intent, ok: false, message: done.error.message }, status: done.error.status };
    const to = done.value;
    return {
      result: {
        intent,
        ok: to.length > 0,
        message: to.length
          ? `A new one-tap link is on its way to ${to.join(", ")}. Earlier links for this session no longer work.`
          : "There is no email address to send the link to. Add a contact email to the activity.",
      },
      status: to.length ? 200 : 409,
    };
  }

  return { result: { intent: "unknown", ok: false, message: "We did not understand that request." }, status: 400 };
}
