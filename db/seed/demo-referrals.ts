/**
 * Demo referrals: the loop Linkway closes, caught in several states, so each
 * demo account has something to look at. The referrer's team
 * (referrer@linkway.test, gp@linkway.test) has referred made-up people to
 * walks run by the demo organiser's group and to two other Leeds providers.
 *
 * Pure data, like demo-data.ts: each story is what happened to one person,
 * step by step, with times relative to the moment the demo is loaded (a
 * session "3 back" is the third most recent one). The app replays the steps
 * through its own domain verbs (app/modules/demo/demo-referrals.server.ts),
 * so every rule applies: referrals are accepted, booked, marked, stalled,
 * followed up and completed exactly as the site would have done it.
 *
 * Everyone here is fictional: "Example", "Sample" and "Demo" surnames,
 * addresses at example.test and mobile numbers from Ofcom's drama range
 * (07700 900000 to 07700 900999).
 */
import { demoIds, DEMO_SEED, type DemoData } from "./demo-data";

/**
 * A session of the story's activity: `past: 1` is the most recent one that
 * ended at least a day before the demo was loaded, `past: 2` the one before
 * it; `next: 1` is the first that starts at least three days after.
 */
export type DemoSessionRef = { past: number } | { next: number };

/**
 * When a step happens: a number of whole days before the day the demo is
 * loaded, at a wall-clock time in London; or hours before a session starts;
 * or hours after it ends.
 */
export type DemoWhen =
  | { daysAgo: number; at: string }
  | { before: DemoSessionRef; hours: number }
  | { after: DemoSessionRef; hours: number };

/** ONS4 (each 0–10) and UCLA-3 (each 1–3, higher is lonelier), as the forms take them. */
export interface DemoWellbeing {
  ons4: { life_satisfaction: number; worthwhile: number; happiness: number; anxiety: number };
  ucla3: { lack_companionship: number; left_out: number; isolated: number };
}

export type DemoReferralStep =
  /** A referrer (by email) refers the person, with a wellbeing baseline if they answered one. */
  | { do: "refer"; when: DemoWhen; by: string; baseline: DemoWellbeing | null }
  /** The person asks for a place themselves. */
  | { do: "ask-for-a-place"; when: DemoWhen }
  /** A member of the provider (by email) declines a referral that waits for an answer. */
  | { do: "decline"; when: DemoWhen; by: string; kind: "full" | "not_suitable" | "not_running" | "cannot_contact" | "other"; reason: string }
  /** The person books a session from their private link. */
  | { do: "book"; when: DemoWhen; session: DemoSessionRef }
  /** A member of the provider (by email) marks the register. */
  | { do: "mark"; when: DemoWhen; session: DemoSessionRef; attendance: "attended" | "no_show"; by: string }
  /** The person says no thanks from their private link. */
  | { do: "say-no-thanks"; when: DemoWhen; reason: string }
  /** The person answers the follow-up wellbeing check (the site sends it when it is due). */
  | { do: "answer-follow-up"; when: DemoWhen; answers: DemoWellbeing };

export interface DemoPerson {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  preferredContact: "email" | "phone" | "sms";
  /** Keys of app/modules/referrals/reasons.ts. */
  reasons: string[];
  notes: string | null;
}

export interface DemoReferralStory {
  /** A short name for the state it shows, used in messages and tests. */
  key: string;
  person: DemoPerson;
  activityId: string;
  activityTitle: string;
  /** The referral form's request id (the same on every run). */
  requestId: string;
  /** The first step opens the referral ("refer" or "ask-for-a-place"). */
  steps: DemoReferralStep[];
  /** How it should look once replayed (checked by the tests). */
  endsAs: { status: string; stalled: boolean };
}

// The stories' activities, by title (checked against the generated data below). The end-to-end specs
// expect a clean slate on the activities they book (tests/e2e), so the stories leave those alone.
const WOMENS_WALK = "Meanwood Women's Walking Group"; // the demo organiser's, weekly, open to all
const NORDIC_WALK = "Nordic Walking at Harehills Park"; // the demo organiser's, weekly, open to all
const STEP_OUT = "Step Out Armley"; // the demo organiser's, screened (a chat first)
const ALLOTMENT = "Harehills Community Allotment"; // Chapeltown and Harehills Community Garden
const GROWING_WELL = "Roundhay Growing Well"; // the same garden, screened
const COOKING_COURSE = "Cooking on a Budget, Seacroft"; // Harehills and Chapeltown Churches Together: a six-session course

const REFERRER = "referrer@linkway.test";
const GP = "gp@linkway.test";
const ORGANISER = "organiser@linkway.test";
const VOLUNTEER = "volunteer@linkway.test";

export function demoReferralStories(data: DemoData): DemoReferralStory[] {
  const nextId = demoIds(DEMO_SEED ^ 0x7e57);
  const activity = (title: string) => {
    const found = data.activities.find((a) => a.title === title && a.status === "published");
    if (!found) throw new Error(`Demo referrals: no published activity called "${title}"`);
    return { activityId: found.id, activityTitle: found.title, organisationId: found.organisationId };
  };
  /** The owner of the organisation that runs an activity: they answer referrals and keep its registers. */
  const ownerOf = (title: string) => {
    const { organisationId } = activity(title);
    const owner = data.memberships.find((m) => m.organisationId === organisationId && m.role === "owner");
    const user = data.users.find((u) => u.id === owner?.userId);
    if (!user) throw new Error(`Demo referrals: nobody owns the organisation that runs "${title}"`);
    return user.email;
  };
  const story = (key: string, title: string, person: DemoPerson, endsAs: DemoReferralStory["endsAs"], steps: DemoReferralStep[]): DemoReferralStory => {
    const { activityId, activityTitle } = activity(title);
    return { key, person, activityId, activityTitle, requestId: nextId(), steps, endsAs };
  };

  return [
    // Goes to the women's walk: two walks attended, a wellbeing check before and six weeks after, booked again.
    // Last week's walk is booked but its register not yet marked (something for the organiser to do).
    story(
      "attending",
      WOMENS_WALK,
      {
        firstName: "Maureen",
        lastName: "Example",
        email: "maureen.example@example.test",
        phone: "07700 900101",
        preferredContact: "email",
        reasons: ["loneliness", "physical_activity"],
        notes: "Would like to walk with other women. Uses a stick on hills.",
      },
      { status: "attending", stalled: false },
      [
        { do: "refer", when: { before: { past: 8 }, hours: 8 * 24 - 2 }, by: REFERRER, baseline: wellbeing([4, 5, 3, 7], [3, 3, 3]) },
        { do: "book", when: { before: { past: 8 }, hours: 6 * 24 - 10 }, session: { past: 8 } },
        { do: "book", when: { before: { past: 8 }, hours: 6 * 24 - 10 }, session: { past: 7 } },
        { do: "mark", when: { after: { past: 8 }, hours: 2 }, session: { past: 8 }, attendance: "attended", by: ORGANISER },
        { do: "mark", when: { after: { past: 7 }, hours: 4 }, session: { past: 7 }, attendance: "attended", by: VOLUNTEER },
        // Six weeks after her first walk the site sends the follow-up; she answers it two days later.
        { do: "answer-follow-up", when: { after: { past: 2 }, hours: 56 }, answers: wellbeing([6, 7, 6, 4], [2, 1, 2]) },
        { do: "book", when: { after: { past: 2 }, hours: 57 }, session: { past: 1 } },
        { do: "book", when: { after: { past: 2 }, hours: 57 }, session: { next: 1 } },
      ],
    ),

    // Booked the last two Nordic walks and went to neither: stalled, on top of the caseload, and the referrer alerted.
    story(
      "stalled",
      NORDIC_WALK,
      {
        firstName: "Derek",
        lastName: "Sample",
        email: null,
        phone: "07700 900102",
        preferredContact: "phone",
        reasons: ["low_mood", "physical_activity", "long_term_condition"],
        notes: "Has type 2 diabetes; his GP suggested gentle exercise. Prefers a phone call.",
      },
      { status: "booked", stalled: true },
      [
        { do: "refer", when: { before: { past: 2 }, hours: 10 * 24 - 5 }, by: GP, baseline: null },
        { do: "book", when: { before: { past: 2 }, hours: 8 * 24 - 2 }, session: { past: 2 } },
        { do: "book", when: { before: { past: 2 }, hours: 8 * 24 - 2 }, session: { past: 1 } },
        { do: "mark", when: { after: { past: 2 }, hours: 1 }, session: { past: 2 }, attendance: "no_show", by: VOLUNTEER },
        { do: "mark", when: { after: { past: 1 }, hours: 1 }, session: { past: 1 }, attendance: "no_show", by: VOLUNTEER },
      ],
    ),

    // Referred this week and booked on the next Nordic walk.
    story(
      "booked",
      NORDIC_WALK,
      {
        firstName: "Aisha",
        lastName: "Demo",
        email: "aisha.demo@example.test",
        phone: "07700 900103",
        preferredContact: "email",
        reasons: ["anxiety", "physical_activity"],
        notes: null,
      },
      { status: "booked", stalled: false },
      [
        { do: "refer", when: { daysAgo: 4, at: "10:15" }, by: GP, baseline: wellbeing([5, 6, 4, 6], [2, 2, 1]) },
        { do: "book", when: { daysAgo: 3, at: "18:40" }, session: { next: 1 } },
      ],
    ),

    // Just referred to a walk that begins with a chat: waiting in the organiser's inbox.
    story(
      "new",
      STEP_OUT,
      {
        firstName: "Frank",
        lastName: "Example",
        email: "frank.example@example.test",
        phone: null,
        preferredContact: "email",
        reasons: ["physical_activity", "long_term_condition"],
        notes: "Had a knee replacement in the summer; his physiotherapist says walking will help.",
      },
      { status: "sent", stalled: false },
      [{ do: "refer", when: { daysAgo: 2, at: "14:20" }, by: REFERRER, baseline: wellbeing([5, 6, 5, 5], [2, 2, 2]) }],
    ),

    // Asked for a place on the same walk herself: also waiting in the organiser's inbox.
    story(
      "self-referral",
      STEP_OUT,
      {
        firstName: "Grace",
        lastName: "Sample",
        email: "grace.sample@example.test",
        phone: "07700 900105",
        preferredContact: "sms",
        reasons: ["loneliness"],
        notes: "I have not walked far for a while, but I would like to start again.",
      },
      { status: "sent", stalled: false },
      [{ do: "ask-for-a-place", when: { daysAgo: 1, at: "20:05" } }],
    ),

    // Said no thanks from his link a few days after being referred.
    story(
      "declined-by-person",
      ALLOTMENT,
      {
        firstName: "Tomasz",
        lastName: "Demo",
        email: "tomasz.demo@example.test",
        phone: null,
        preferredContact: "email",
        reasons: ["low_mood", "work_and_skills"],
        notes: null,
      },
      { status: "withdrawn", stalled: false },
      [
        { do: "refer", when: { daysAgo: 20, at: "11:00" }, by: REFERRER, baseline: null },
        { do: "say-no-thanks", when: { daysAgo: 17, at: "17:45" }, reason: "I have started a new job and work on Mondays now. Thank you for thinking of me." },
      ],
    ),

    // Went to all six sessions of the cooking course: completed, and better on every measure.
    story(
      "completed",
      COOKING_COURSE,
      {
        firstName: "Patricia",
        lastName: "Example",
        email: "patricia.example@example.test",
        phone: "07700 900107",
        preferredContact: "email",
        reasons: ["money_worries", "loneliness"],
        notes: "Lives alone and would like to cook more than toast.",
      },
      { status: "completed", stalled: false },
      [
        { do: "refer", when: { before: { past: 8 }, hours: 9 * 24 + 2 }, by: GP, baseline: wellbeing([3, 4, 4, 6], [3, 2, 3]) },
        ...[8, 7, 6, 5, 4, 3].map((past): DemoReferralStep => ({ do: "book", when: { before: { past: 8 }, hours: 7 * 24 - 6 }, session: { past } })),
        ...[8, 7, 6, 5].map((past): DemoReferralStep => ({ do: "mark", when: { after: { past }, hours: 1 }, session: { past }, attendance: "attended", by: ownerOf(COOKING_COURSE) })),
        // The follow-up goes out after her fourth session; she answers it that weekend.
        { do: "answer-follow-up", when: { after: { past: 5 }, hours: 44 }, answers: wellbeing([6, 7, 7, 3], [1, 1, 2]) },
        ...[4, 3].map((past): DemoReferralStep => ({ do: "mark", when: { after: { past }, hours: 1 }, session: { past }, attendance: "attended", by: ownerOf(COOKING_COURSE) })),
      ],
    ),

    // The garden's screened group is full: the organiser declined, so the referrer should find something else.
    story(
      "declined-by-organiser",
      GROWING_WELL,
      {
        firstName: "Kevin",
        lastName: "Sample",
        email: "kevin.sample@example.test",
        phone: "07700 900108",
        preferredContact: "phone",
        reasons: ["anxiety", "low_mood"],
        notes: null,
      },
      { status: "declined", stalled: false },
      [
        { do: "refer", when: { daysAgo: 12, at: "09:45" }, by: REFERRER, baseline: null },
        {
          do: "decline",
          when: { daysAgo: 10, at: "16:10" },
          by: ownerOf(GROWING_WELL),
          kind: "full",
          reason: "Our Thursday group is full until the new year. The Harehills Community Allotment has space now and needs no chat first.",
        },
      ],
    ),
  ];
}

function wellbeing([lifeSatisfaction, worthwhile, happiness, anxiety]: number[], [lackCompanionship, leftOut, isolated]: number[]): DemoWellbeing {
  return {
    ons4: { life_satisfaction: lifeSatisfaction, worthwhile, happiness, anxiety },
    ucla3: { lack_companionship: lackCompanionship, left_out: leftOut, isolated },
  };
}
