/**
 * The fixed words activities are described with. Stored as keys; shown with
 * these labels. Shared by forms, pages, search filters and the HSDS export.
 */
import type { activityStatuses, costTypeValues } from "#db/schema/activities";

export const categorySeed = [
  { slug: "walking", name: "Walking groups", description: "Led walks for all paces, in parks, towns and countryside." },
  { slug: "gardening", name: "Gardening and nature", description: "Community gardens, allotments, conservation and green spaces." },
  { slug: "arts-crafts", name: "Arts and crafts", description: "Painting, knitting, pottery, sewing and making things together." },
  { slug: "exercise", name: "Exercise, yoga and tai chi", description: "Gentle exercise, chair yoga, tai chi, swimming and dance." },
  { slug: "book-clubs", name: "Book clubs and reading", description: "Reading groups, shared reading and writing circles." },
  { slug: "cooking", name: "Cooking on a budget", description: "Cook-and-eat sessions, budget meals and lunch clubs." },
  { slug: "music", name: "Choirs and music", description: "Singing groups, choirs, ukulele and music for wellbeing." },
  { slug: "volunteering", name: "Volunteering", description: "Roles helping others: food banks, shops, gardens and events." },
  { slug: "peer-support", name: "Peer support", description: "Groups of people with shared experience supporting each other." },
  { slug: "befriending", name: "Befriending and social", description: "Befriending, coffee mornings, lunch clubs and company." },
  { slug: "digital-skills", name: "Digital skills", description: "Help with phones, tablets, computers and getting online." },
  { slug: "advice", name: "Advice and practical help", description: "Debt and money advice, benefits, employment and CV writing." },
] as const;

export type CategorySlug = (typeof categorySeed)[number]["slug"];

export const accessibilityFeatures = {
  step_free: "Step-free access",
  accessible_toilet: "Accessible toilet",
  hearing_loop: "Hearing loop",
  bsl: "British Sign Language (BSL)",
  seating: "Seating available",
  quiet_space: "Quiet space",
  parking: "Parking",
  public_transport: "Near public transport",
  large_print: "Large print materials",
} as const;

export type AccessibilityFeature = keyof typeof accessibilityFeatures;
export const accessibilityKeys = Object.keys(accessibilityFeatures) as AccessibilityFeature[];

export const suitabilityOptions = {
  adults: "Adults (18+)",
  older_people: "Older people (65+)",
  young_adults: "Young adults (16–25)",
  families: "Families and children",
  no_experience_needed: "No experience needed",
  carers_welcome: "Carers welcome",
  women_only: "Women only",
  men_only: "Men only",
  lgbtq: "LGBTQ+ people",
  dementia_friendly: "Dementia friendly",
  wheelchair_users: "Wheelchair users",
} as const;

export type Suitability = keyof typeof suitabilityOptions;
export const suitabilityKeys = Object.keys(suitabilityOptions) as Suitability[];

export type CostType = (typeof costTypeValues)[number];

export const costTypes: Record<CostType, string> = {
  free: "Free",
  paid: "Paid",
  pay_what_you_can: "Pay what you can",
};
/** The keys of costTypes, for forms (the browser cannot load the schema's list). */
export const costTypeKeys = Object.keys(costTypes) as [CostType, ...CostType[]];

export type ActivityStatus = (typeof activityStatuses)[number];
