/**
 * The words of every message the referrals module sends about a referral or
 * a booking, in plain language, each with the reference code. Pure: callers
 * pass what the message needs; notifications only renders and delivers.
 * Subjects never carry a person's name (subjects are logged).
 */
import type { Message } from "~/modules/notifications";

export interface ActivityBrief {
  title: string;
  organisationName: string;
  /** "Park Gate, 1 Park Road, Leeds" or "Online". */
  where: string;
  contact: string | null;
}

export interface PersonMessageBase {
  firstName: string;
  code: string;
  activity: ActivityBrief;
  link: string;
}

const askOrganiser = (a: ActivityBrief) => (a.contact ? `If you have questions, contact ${a.organisationName}: ${a.contact}.` : `If you have questions, contact ${a.organisationName}.`);

// ── To the person ───────────────────────────────────────────────────────────

/** The referrer chose "they will answer by link": the questions come before anything else. */
const baselineFirstWords =
  "Before anything else, please answer seven short questions about how you are feeling. They take about two minutes, there are no right or wrong answers, and they are the first thing on your page. Asking again later shows whether things have changed.";

export function referredMessage(m: PersonMessageBase & { referrerName: string | null; needsScreening: boolean; baselineFirst?: boolean }): Message {
  const opening = m.referrerName
    ? `${m.referrerName} has referred you to ${m.activity.title}, run by ${m.activity.organisationName}.`
    : `Thank you for asking for a place at ${m.activity.title}, run by ${m.activity.organisationName}.`;
  const next = m.needsScreening
    ? "The organiser will look at the details and get in touch. Once they say yes, you can choose a session using the button below."
    : "You can choose a session and book your place using the button below. You can also cancel or change it there.";
  return {
    subject: m.referrerName ? `You have been referred to ${m.activity.title}` : `Your request for a place at ${m.activity.title}`,
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [opening, ...(m.baselineFirst ? [baselineFirstWords] : []), next, "This link is just for you. Please do not share it.", askOrganiser(m.activity)],
      action: m.baselineFirst
        ? { label: "Answer the questions first", url: `${m.link}/wellbeing` }
        : { label: m.needsScreening ? "See your referral" : "Choose a session", url: m.link },
      reference: m.code,
    },
  };
}

/** A referrer suggested connection actions only (no activity): where to see them and say how it went. */
export function actionsSuggestedMessage(m: { firstName: string; code: string; link: string; referrerName: string | null; baselineLink?: string | null }): Message {
  return {
    subject: "Some small things to try",
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [
        `${m.referrerName ?? "The person who referred you"} has suggested some small things to try, like the ones you talked about. You can see them using the button below.`,
        ...(m.baselineLink ? [`${baselineFirstWords} Answer them here: ${m.baselineLink}`] : []),
        "When you have a moment, tap “I did it” or “Not this time”. It helps them help you, and there is no wrong answer.",
        "This link is just for you. Please do not share it.",
      ],
      action: { label: "See your actions", url: m.link },
      reference: m.code,
    },
  };
}

/**
 * The form was sent again with the details of someone who already has an open
 * request for this activity: no second request, their own link again. It goes
 * only to their address, so whoever sent the form learns nothing.
 */
export function alreadyAskedMessage(m: PersonMessageBase & { since: string; referred: boolean }): Message {
  return {
    subject: `Your place at ${m.activity.title}: your link again`,
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [
        `We have had another request for a place at ${m.activity.title} with your details. You ${m.referred ? "were referred" : "asked for a place"} on ${m.since}, and that is still open, so we have not made a second request.`,
        "Here is your private link again. Use it to see where things are, choose a session, or change a booking.",
        "If you did not ask again, you can ignore this message. This link is just for you. Please do not share it.",
        askOrganiser(m.activity),
      ],
      action: { label: "See your place", url: m.link },
      reference: m.code,
    },
  };
}

export function acceptedMessage(m: PersonMessageBase): Message {
  return {
    subject: `You can now book a place at ${m.activity.title}`,
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [`Good news: ${m.activity.organisationName} has said yes. You can now choose a session of ${m.activity.title} and book your place.`, askOrganiser(m.activity)],
      action: { label: "Choose a session", url: m.link },
      reference: m.code,
    },
  };
}

export function declinedMessage(m: Omit<PersonMessageBase, "link"> & { reason: string | null; hasReferrer: boolean }): Message {
  return {
    subject: `About your referral to ${m.activity.title}`,
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [
        `Sorry, ${m.activity.organisationName} cannot offer you a place at ${m.activity.title}.`,
        ...(m.reason ? [`They said: “${m.reason}”`] : []),
        m.hasReferrer
          ? "The person who referred you has been told, and can help you find something else."
          : "You can look for other activities near you on Linkway.",
      ],
      reference: m.code,
    },
  };
}

export function withdrawnByReferrerMessage(m: Omit<PersonMessageBase, "link">): Message {
  return {
    subject: `Your referral to ${m.activity.title} has been closed`,
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [
        `Your referral to ${m.activity.title} has been closed by the person who referred you. Any sessions you had booked have been cancelled.`,
        "If this is a surprise, please contact them.",
      ],
      reference: m.code,
    },
  };
}

export interface SessionBrief {
  when: string;
  joiningUrl?: string | null;
}

export function bookedMessage(m: PersonMessageBase & { session: SessionBrief }): Message {
  return {
    subject: `Booked: ${m.activity.title}, ${m.session.when}`,
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [
        `You have a place at ${m.activity.title}.`,
        `When: ${m.session.when}.`,
        m.session.joiningUrl ? `Where: online. Join here: ${m.session.joiningUrl}` : `Where: ${m.activity.where}.`,
        "We will remind you the day before. If you cannot go, please cancel so someone else can have the place.",
        askOrganiser(m.activity),
      ],
      action: { label: "See or change your booking", url: m.link },
      reference: m.code,
    },
  };
}

export function waitlistedMessage(m: PersonMessageBase & { session: SessionBrief }): Message {
  return {
    subject: `You are on the waitlist: ${m.activity.title}, ${m.session.when}`,
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [
        `The session of ${m.activity.title} on ${m.session.when} is full, so you are on the waitlist.`,
        "If a place comes up, we will email you and keep it for you for a while. You can also book another session.",
      ],
      action: { label: "See your bookings", url: m.link },
      reference: m.code,
    },
  };
}

export function cancelledByPersonMessage(m: PersonMessageBase & { session: SessionBrief }): Message {
  return {
    subject: `Cancelled: ${m.activity.title}, ${m.session.when}`,
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [`Your place at ${m.activity.title} on ${m.session.when} is cancelled. Thank you for letting us know.`, "You can book another session at any time."],
      action: { label: "Choose another session", url: m.link },
      reference: m.code,
    },
  };
}

export function offerMessage(m: PersonMessageBase & { session: SessionBrief; holdUntil: string }): Message {
  return {
    subject: `A place has come up: ${m.activity.title}, ${m.session.when}`,
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [
        `A place has come up at ${m.activity.title} on ${m.session.when}, and you are first on the waitlist.`,
        `We are keeping it for you until ${m.holdUntil}. Use the button below to take it. After that, it goes to the next person.`,
      ],
      action: { label: "Take the place", url: m.link },
      reference: m.code,
    },
  };
}

export function offerLapsedMessage(m: PersonMessageBase & { session: SessionBrief }): Message {
  return {
    subject: `The place you were offered has gone: ${m.activity.title}`,
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [
        `We held a place for you at ${m.activity.title} on ${m.session.when}, but the time to take it has passed, so it has gone to the next person.`,
        "You can still book another session.",
      ],
      action: { label: "Choose a session", url: m.link },
      reference: m.code,
    },
  };
}

export function reminderMessage(m: PersonMessageBase & { session: SessionBrief }): Message {
  return {
    subject: `Reminder: ${m.activity.title}, ${m.session.when}`,
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [
        `This is a reminder of your place at ${m.activity.title}.`,
        `When: ${m.session.when}.`,
        m.session.joiningUrl ? `Where: online. Join here: ${m.session.joiningUrl}` : `Where: ${m.activity.where}.`,
        "If you cannot go, please cancel so someone else can have the place.",
      ],
      action: { label: "See or cancel your booking", url: m.link },
      reference: m.code,
    },
  };
}

export function sessionCancelledMessage(m: PersonMessageBase & { session: SessionBrief; reason: string | null }): Message {
  return {
    subject: `Session cancelled: ${m.activity.title}, ${m.session.when}`,
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [
        `Sorry, ${m.activity.organisationName} has cancelled the session of ${m.activity.title} on ${m.session.when}.`,
        ...(m.reason ? [`They said: “${m.reason}”`] : []),
        "Your booking for that session is cancelled. You can choose another session.",
      ],
      action: { label: "Choose another session", url: m.link },
      reference: m.code,
    },
  };
}

export function sessionReinstatedMessage(m: PersonMessageBase & { session: SessionBrief }): Message {
  return {
    subject: `Back on: ${m.activity.title}, ${m.session.when}`,
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [
        `Good news: ${m.activity.organisationName} has put the session of ${m.activity.title} on ${m.session.when} back on. It is no longer cancelled.`,
        "Your booking was cancelled when the session was, and we have not booked you in again, in case you have made other plans. If you would like to go, please book again using the button below. Places are not held, so book soon.",
        askOrganiser(m.activity),
      ],
      action: { label: "Book a place again", url: m.link },
      reference: m.code,
    },
  };
}

/** The follow-up wellbeing check (its link opens the questions, not the referral page). */
export function followUpMessage(input: { firstName: string; activityTitle: string; url: string; code: string }): Message {
  return {
    subject: `How are you now? A few questions about ${input.activityTitle}`,
    content: {
      greeting: `Hello ${input.firstName},`,
      paragraphs: [
        `You have been going to ${input.activityTitle}. We would like to know how you are feeling now.`,
        "There are seven short questions. It takes about two minutes. Your answers help the person who referred you, and help keep activities like this going.",
      ],
      action: { label: "Answer the questions", url: input.url },
      reference: input.code,
    },
  };
}

// ── To the referrer ─────────────────────────────────────────────────────────

export interface ReferrerMessageBase {
  /** "Margaret T." — first name and last initial only. */
  personName: string;
  code: string;
  activityTitle: string;
  /** The referral's page in the caseload. */
  caseUrl: string;
}

function toReferrer(subject: string, m: ReferrerMessageBase, lines: string[]): Message {
  return {
    subject,
    content: {
      greeting: "Hello,",
      paragraphs: lines,
      action: { label: "Open the referral", url: m.caseUrl },
      reference: m.code,
    },
  };
}

export function referrerDeclinedMessage(m: ReferrerMessageBase & { reason: string | null }): Message {
  return toReferrer(`Referral ${m.code} was declined`, m, [
    `The organiser of ${m.activityTitle} declined your referral of ${m.personName}.`,
    m.reason ? `Their reason: “${m.reason}”` : "They did not give a reason.",
    "You may want to talk to the person about another activity.",
  ]);
}

export function referrerBookedMessage(m: ReferrerMessageBase & { when: string }): Message {
  return toReferrer(`Referral ${m.code}: a session was booked`, m, [`${m.personName} has booked a place at ${m.activityTitle} on ${m.when}.`]);
}

export function referrerCancelledMessage(m: ReferrerMessageBase & { when: string; bySession: boolean }): Message {
  return toReferrer(`Referral ${m.code}: a booking was cancelled`, m, [
    m.bySession
      ? `The organiser cancelled the session of ${m.activityTitle} on ${m.when}, so ${m.personName}'s booking is cancelled. They have been told and can book another session.`
      : `${m.personName} cancelled their place at ${m.activityTitle} on ${m.when}.`,
  ]);
}

export function referrerSessionReinstatedMessage(m: ReferrerMessageBase & { when: string }): Message {
  return toReferrer(`Referral ${m.code}: a cancelled session is back on`, m, [
    `The organiser has put the session of ${m.activityTitle} on ${m.when} back on. ${m.personName}'s booking for it was cancelled when the session was.`,
    "They have been told and can book again with their link; they were not booked back in automatically.",
  ]);
}

export function referrerDisengagedMessage(m: ReferrerMessageBase & { reason: string | null }): Message {
  return toReferrer(`Referral ${m.code}: closed as stopped going`, m, [
    `Your referral of ${m.personName} to ${m.activityTitle} has been closed as “stopped going”.`,
    m.reason ? `Why: ${m.reason}.` : "They have not booked or gone to a session for some time.",
    "We have not written to them about this. You may want to call them to ask how they are, and talk about trying again or trying a different activity. A new referral starts afresh.",
  ]);
}

export function referrerWithdrawnByPersonMessage(m: ReferrerMessageBase & { reason: string | null; detailsRemoved?: boolean }): Message {
  if (m.detailsRemoved) {
    return toReferrer(`Referral ${m.code} has ended: the person asked for their details to be removed`, m, [
      `${m.personName} asked for their personal details to be removed, so their referral to ${m.activityTitle} has ended and any places they had booked are cancelled.`,
      "Linkway no longer holds their name or contact details. The referral's page keeps only an anonymous record.",
    ]);
  }
  return toReferrer(`Referral ${m.code}: the person said no thanks`, m, [
    `${m.personName} has said they do not want to go ahead with ${m.activityTitle}.`,
    m.reason ? `They said: “${m.reason}”` : "They did not give a reason.",
  ]);
}

export function referrerExpiredMessage(m: ReferrerMessageBase & { days: number }): Message {
  return toReferrer(`Referral ${m.code} has expired`, m, [
    `Nothing has happened on your referral of ${m.personName} to ${m.activityTitle} for ${m.days} days, so it has expired.`,
    "You may want to check in with the person.",
  ]);
}

export function stalledAlertMessage(input: ReferrerMessageBase & { reason: string; nextSteps: readonly string[] }): Message {
  return {
    subject: `${input.code}: this referral needs your attention`,
    content: {
      greeting: "Hello,",
      paragraphs: [
        `${input.personName}'s referral to ${input.activityTitle} has stalled: ${input.reason.toLowerCase()}.`,
        "Things you could do next:",
        ...input.nextSteps.map((step) => `• ${step}`),
      ],
      action: { label: "See the referral", url: input.caseUrl },
      reference: input.code,
    },
  };
}

// ── To the organiser ────────────────────────────────────────────────────────

export function organiserNewReferralMessage(m: { code: string; activityTitle: string; referralUrl: string }): Message {
  return {
    subject: `New referral ${m.code} for ${m.activityTitle}`,
    content: {
      greeting: "Hello,",
      paragraphs: [`There is a new referral for ${m.activityTitle}. Please say whether you can offer a place.`],
      action: { label: "Open the referral", url: m.referralUrl },
      reference: m.code,
    },
  };
}

export interface OrganiserMessageBase {
  /** "Margaret T." — first name and last initial only; never contact details. */
  personName: string;
  code: string;
  activityTitle: string;
  /** The referral's page in the organiser's referrals. */
  referralUrl: string;
}

function toOrganiser(subject: string, m: OrganiserMessageBase, lines: string[]): Message {
  return { subject, content: { greeting: "Hello,", paragraphs: lines, action: { label: "Open the referral", url: m.referralUrl }, reference: m.code } };
}

/** What happened to a place the person gave up. */
export type FreedPlace = "offered" | "free";

const freedPlaceLine = (freed: FreedPlace) =>
  freed === "offered"
    ? "The place has been offered to the first person on the waitlist, so you do not need to do anything."
    : "The place is free again for someone else to book.";

export function organiserCancelledMessage(m: OrganiserMessageBase & { when: string; freed: FreedPlace }): Message {
  return toOrganiser(`Cancelled: ${m.activityTitle}, ${m.when}`, m, [`${m.personName} has cancelled their place at ${m.activityTitle} on ${m.when}.`, freedPlaceLine(m.freed)]);
}

export function organiserWithdrawnMessage(m: OrganiserMessageBase & { byPerson: boolean; cancelled: { when: string; freed: FreedPlace }[] }): Message {
  const opening = m.byPerson
    ? `${m.personName} has said they no longer want a place at ${m.activityTitle}.`
    : `The person who referred ${m.personName} to ${m.activityTitle} has withdrawn the referral.`;
  const places = m.cancelled.map((c) => `Their place on ${c.when} is cancelled. ${freedPlaceLine(c.freed)}`);
  return toOrganiser(`Referral ${m.code} withdrawn: ${m.activityTitle}`, m, [opening, ...(places.length ? places : ["They had no sessions booked."])]);
}

export interface DigestSession {
  activityTitle: string;
  when: string;
  people: { name: string; code: string }[];
}

/** Once a day: the places booked from people's private links since the last summary. */
export function organiserBookingDigestMessage(m: { organisationName: string; since: string; count: number; sessions: DigestSession[]; moreSessions: number; inboxUrl: string }): Message {
  const { count } = m;
  return {
    subject: `${count} new ${count === 1 ? "booking" : "bookings"} for ${m.organisationName}`,
    content: {
      greeting: "Hello,",
      paragraphs: [
        `Since ${m.since}, people have booked ${count === 1 ? "this place" : `these ${count} places`} using their private links:`,
        ...m.sessions.map((s) => `${s.activityTitle}, ${s.when}: ${s.people.map((p) => `${p.name} (reference ${p.code})`).join("; ")}.`),
        ...(m.moreSessions ? [`There are bookings for ${m.moreSessions} more ${m.moreSessions === 1 ? "session" : "sessions"}: use the button below to see them all.`] : []),
        "Cancellations are emailed to you as they happen, so this list has only new bookings.",
      ],
      action: { label: "See who is coming", url: m.inboxUrl },
    },
  };
}
