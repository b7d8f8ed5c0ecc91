/**
 * The words of nudges about connection actions, and of what the referrer is
 * told when nudges go unanswered. Kind, short, never a streak or a telling-off.
 */
import type { Message } from "~/modules/notifications";

/** "Call an old friend" → "call an old friend", to sit inside a question. */
function inSentence(title: string): string {
  return /^[A-Z][a-z]/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
}

export function nudgeQuestion(title: string): string {
  return `Did you ${inSentence(title).replace(/[.!]$/, "")} today?`;
}

export interface NudgeLinks {
  done: string;
  notToday: string;
  stop: string;
  /** The nudge's own page: answer, add a note, change when we remind. */
  page: string;
}

export function dailyNudgeEmail(m: { firstName: string; title: string; howTo: string | null; links: NudgeLinks; code: string }): Message {
  return {
    subject: nudgeQuestion(m.title),
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: [
        nudgeQuestion(m.title),
        ...(m.howTo ? [m.howTo] : []),
        "Tap one answer. There is no wrong answer: it just helps the person who referred you.",
      ],
      choices: [
        { label: "Yes, I did", url: m.links.done },
        { label: "Not today", url: m.links.notToday },
      ],
      footerLink: { label: "Stop these messages, or change when they come", url: m.links.stop },
      reference: m.code,
    },
  };
}

export function dailyNudgeText(m: { firstName: string; title: string; links: NudgeLinks }): { text: string; tail: string } {
  return {
    text: `Hello ${m.firstName}. ${nudgeQuestion(m.title)} Reply YES or NO, or tap`,
    tail: `${m.links.page} Reply STOP to stop these texts.`,
  };
}

export function weeklyDigestEmail(m: { firstName: string; lines: string[]; links: NudgeLinks; code: string }): Message {
  return {
    subject: "Your actions this week",
    content: {
      greeting: `Hello ${m.firstName},`,
      paragraphs: ["Here are the small things you planned for this week:", ...m.lines.map((l) => `• ${l}`), "You can say how you got on each day from your page."],
      action: { label: "See your actions", url: m.links.page },
      footerLink: { label: "Stop these messages, or change when they come", url: m.links.stop },
      reference: m.code,
    },
  };
}

export function weeklyDigestText(m: { firstName: string; count: number; links: NudgeLinks }): { text: string; tail: string } {
  return {
    text: `Hello ${m.firstName}. You have ${m.count === 1 ? "1 action" : `${m.count} actions`} planned this week. See them and say how you got on:`,
    tail: `${m.links.page} Reply STOP to stop these texts.`,
  };
}

/** To the referrer: three nudges in a row went unanswered, so they stopped. */
export function unansweredMessage(m: { personName: string; code: string; caseUrl: string; channel: "email" | "text" }): Message {
  return {
    subject: `${m.personName} has not answered the last 3 reminders`,
    content: {
      greeting: "Hello,",
      paragraphs: [
        `${m.personName} (reference ${m.code}) has not answered the last 3 ${m.channel === "text" ? "texts" : "emails"} about their connection actions, so we have stopped sending them.`,
        "You could give them a call to see how they are, whether the actions still suit them, and whether they would like the reminders to start again.",
      ],
      action: { label: "See the referral", url: m.caseUrl },
      reference: m.code,
    },
  };
}
