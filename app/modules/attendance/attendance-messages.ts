/**
 * What attendance sends: the one-tap register link for organisers, and
 * attendance news for referrers. Plain words; the person's first name and
 * reference code only, never their contact details.
 */
import type { Message } from "~/modules/notifications";
import type { ReferrerMessageBase } from "~/modules/referrals";

export function registerLinkMessage(input: {
  activityTitle: string;
  when: string;
  url: string;
  expiresOn: string;
  bookedCount: number;
}): Message {
  const people = input.bookedCount === 1 ? "1 person was" : `${input.bookedCount} people were`;
  return {
    subject: `Who came to ${input.activityTitle}? Mark the register`,
    content: {
      greeting: "Hello,",
      paragraphs: [
        `${people} booked on ${input.activityTitle}, ${input.when}.`,
        "Open the register and tap Attended or Did not attend for each person. You do not need to sign in. It helps the people who referred them know how it went.",
        `The link works only for this session's register, until ${input.expiresOn}. Please do not forward it.`,
      ],
      action: { label: "Open the register", url: input.url },
    },
  };
}

export function attendanceNoticeMessage(input: ReferrerMessageBase & {
  when: string;
  mark: "attended" | "no_show";
  reportedBy: "organiser" | "person";
  /** An earlier email about this session said something else. */
  corrects?: boolean;
}): Message {
  const went = input.mark === "attended";
  const who = input.reportedBy === "person" ? `${input.personName} told us they` : `The organiser says ${input.personName}`;
  const fact =
    input.reportedBy === "person"
      ? `${who} ${went ? "went to" : "could not go to"} ${input.activityTitle}, ${input.when}.`
      : `${who} ${went ? "attended" : "did not attend"} ${input.activityTitle}, ${input.when}.`;
  return {
    subject: `${input.code}: ${went ? "attended" : "did not attend"} ${input.activityTitle}`,
    content: {
      greeting: "Hello,",
      paragraphs: [...(input.corrects ? ["This corrects our earlier email about this session."] : []), fact, "You can see every step of this referral on its page."],
      action: { label: "See the referral", url: input.caseUrl },
      reference: input.code,
    },
  };
}

/** The answer we emailed about was taken back, and there is no new one yet. */
export function attendanceWithdrawnMessage(input: ReferrerMessageBase & { when: string }): Message {
  return {
    subject: `${input.code}: correction about ${input.activityTitle}`,
    content: {
      greeting: "Hello,",
      paragraphs: [
        `The register for ${input.activityTitle}, ${input.when}, was corrected. It no longer says whether ${input.personName} went, so please set aside our earlier email about this session.`,
        "We will email you again if the organiser or the person tells us. You can see every step of this referral on its page.",
      ],
      action: { label: "See the referral", url: input.caseUrl },
      reference: input.code,
    },
  };
}
