/**
 * Believable, deterministic demo data: provider and referrer organisations in
 * four real UK cities, their people, ~340 activities and their schedules.
 *
 * Pure: no database, no clock, no Math.random. One seeded PRNG drives every
 * choice, so the same seed always gives byte-identical output. The shapes use
 * the Drizzle tables' property names, so the loader can insert them directly
 * (`db.insert(activities).values(data.activities)`).
 *
 * `db/` must not import from `app/`, so the vocabulary keys below are copied
 * from app/modules/activities/vocabulary.ts (and checked against it in tests).
 */

export const DEMO_SEED = 20261121;
/** The password of every demo account; shown in the README and the start-up banner. */
export const demoPassword = "linkway-demo-2026";

// ---------------------------------------------------------------------------
// Output shapes (1:1 with db/schema)

export interface DemoOrganisation {
  id: string;
  kind: "provider" | "referrer";
  name: string;
  description: string;
  website: string;
  email: string;
  phone: string;
  town: string;
}

/** No password hash: the loader hashes `demoPassword` once for everyone. */
export interface DemoUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  isCommissioner?: boolean;
}

export interface DemoMembership {
  organisationId: string;
  userId: string;
  role: "owner" | "member";
}

export interface DemoActivity {
  id: string;
  organisationId: string;
  status: "draft" | "published" | "archived";
  title: string;
  summary: string;
  description: string;
  category: Category;
  tags: string[];
  suitableFor: Suitability[];
  costType: "free" | "paid" | "pay_what_you_can";
  costPence: number | null;
  costDetails: string | null;
  referralOffer: string | null;
  accessibility: Access[];
  selfReferral: boolean;
  dropIn: boolean;
  requiresScreening: boolean;
  capacity: number;
  completionSessions: number | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  online: boolean;
  onlineUrl: string | null;
  venueName: string | null;
  address: string | null;
  town: string | null;
  postcode: string | null;
  lat: number | null;
  lng: number | null;
  timezone: string;
  createdBy: string;
  publishedAt: Date | null;
}

export interface DemoSchedule {
  id: string;
  activityId: string;
  /** RFC 5545 RRULE body without DTSTART. */
  rrule: string;
  /** YYYY-MM-DD, the first occurrence. */
  startsOn: string;
  /** HH:MM wall-clock time in `timezone`. */
  startTime: string;
  durationMinutes: number;
  timezone: string;
  until: string | null;
}

export interface DemoData {
  organisations: DemoOrganisation[];
  users: DemoUser[];
  memberships: DemoMembership[];
  activities: DemoActivity[];
  schedules: DemoSchedule[];
}

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
}

// ---------------------------------------------------------------------------
// Vocabulary (mirrors app/modules/activities/vocabulary.ts)

export type Category =
  | "walking"
  | "gardening"
  | "arts-crafts"
  | "exercise"
  | "book-clubs"
  | "cooking"
  | "music"
  | "volunteering"
  | "peer-support"
  | "befriending"
  | "digital-skills"
  | "advice";

export type Access =
  | "step_free"
  | "accessible_toilet"
  | "hearing_loop"
  | "bsl"
  | "seating"
  | "quiet_space"
  | "parking"
  | "public_transport"
  | "large_print";

/** Canonical order, so arrays read the same way everywhere. */
const ACCESS_ORDER: readonly Access[] = [
  "step_free",
  "accessible_toilet",
  "hearing_loop",
  "bsl",
  "seating",
  "quiet_space",
  "parking",
  "public_transport",
  "large_print",
];

export type Suitability =
  | "adults"
  | "older_people"
  | "young_adults"
  | "families"
  | "no_experience_needed"
  | "carers_welcome"
  | "women_only"
  | "men_only"
  | "lgbtq"
  | "dementia_friendly"
  | "wheelchair_users";

const SUITABILITY_ORDER: readonly Suitability[] = [
  "adults",
  "older_people",
  "young_adults",
  "families",
  "no_experience_needed",
  "carers_welcome",
  "women_only",
  "men_only",
  "lgbtq",
  "dementia_friendly",
  "wheelchair_users",
];

type Weekday = "MO" | "TU" | "WE" | "TH" | "FR" | "SA" | "SU";
type Rhythm = "weekly" | "fortnightly" | "monthly";

const TIMEZONE = "Europe/London";

// ---------------------------------------------------------------------------
// Places: real neighbourhood centres (lat/lng to 4 decimals), their real
// outward postcode, a real park and a few real streets.

type TownName = "Leeds" | "Bristol" | "Manchester" | "Norwich";

interface Neighbourhood {
  name: string;
  outward: string;
  lat: number;
  lng: number;
  park: string;
  streets: readonly string[];
}

interface Town {
  name: TownName;
  lat: number;
  lng: number;
  /** Ofcom's drama ranges, so no real line is ever shown: prefix + 3 digits. */
  phonePrefix: string;
  neighbourhoods: readonly Neighbourhood[];
}

const TOWNS: readonly Town[] = [
  {
    name: "Leeds",
    lat: 53.7997,
    lng: -1.5492,
    phonePrefix: "0113 496 0",
    neighbourhoods: [
      { name: "Headingley", outward: "LS6", lat: 53.8197, lng: -1.5779, park: "Beckett Park", streets: ["Otley Road", "North Lane", "St Michael's Road"] },
      { name: "Chapeltown", outward: "LS7", lat: 53.818, lng: -1.532, park: "Potternewton Park", streets: ["Chapeltown Road", "Reginald Terrace", "Button Hill"] },
      { name: "Armley", outward: "LS12", lat: 53.7973, lng: -1.5913, park: "Armley Park", streets: ["Town Street", "Branch Road", "Tong Road"] },
      { name: "Harehills", outward: "LS8", lat: 53.8124, lng: -1.5167, park: "Harehills Park", streets: ["Harehills Lane", "Roundhay Road", "Compton Road"] },
      { name: "Beeston", outward: "LS11", lat: 53.779, lng: -1.5614, park: "Cross Flatts Park", streets: ["Town Street", "Cross Flatts Grove", "Old Lane"] },
      { name: "Roundhay", outward: "LS8", lat: 53.8351, lng: -1.5007, park: "Roundhay Park", streets: ["Street Lane", "Wetherby Road", "Princes Avenue"] },
      { name: "Kirkstall", outward: "LS5", lat: 53.8164, lng: -1.6028, park: "Kirkstall Abbey Park", streets: ["Kirkstall Lane", "Morris Lane", "Abbey Road"] },
      { name: "Hyde Park", outward: "LS6", lat: 53.8123, lng: -1.5636, park: "Woodhouse Moor", streets: ["Hyde Park Road", "Brudenell Road", "Woodsley Road"] },
      { name: "Seacroft", outward: "LS14", lat: 53.82, lng: -1.458, park: "Killingbeck Meadows", streets: ["York Road", "Kentmere Avenue", "South Parkway"] },
      { name: "Horsforth", outward: "LS18", lat: 53.8408, lng: -1.6366, park: "Hall Park", streets: ["Town Street", "New Road Side", "Long Row"] },
      { name: "Holbeck", outward: "LS11", lat: 53.789, lng: -1.56, park: "Holbeck Moor", streets: ["Top Moor Side", "Czar Street", "Domestic Street"] },
      { name: "Meanwood", outward: "LS6", lat: 53.8327, lng: -1.57, park: "Meanwood Park", streets: ["Green Road", "Stonegate Road", "Monk Bridge Road"] },
    ],
  },
  {
    name: "Bristol",
    lat: 51.4545,
    lng: -2.5879,
    phonePrefix: "0117 496 0",
    neighbourhoods: [
      { name: "Easton", outward: "BS5", lat: 51.4625, lng: -2.566, park: "Rawnsley Park", streets: ["Stapleton Road", "Chelsea Road", "Robertson Road"] },
      { name: "Bedminster", outward: "BS3", lat: 51.4406, lng: -2.6003, park: "Victoria Park", streets: ["North Street", "East Street", "Cannon Street"] },
      { name: "Southmead", outward: "BS10", lat: 51.4988, lng: -2.5943, park: "Badock's Wood", streets: ["Greystoke Avenue", "Arnside Road", "Doncaster Road"] },
      { name: "St Pauls", outward: "BS2", lat: 51.4627, lng: -2.5827, park: "St Agnes Park", streets: ["Grosvenor Road", "City Road", "Ashley Road"] },
      { name: "Bishopston", outward: "BS7", lat: 51.476, lng: -2.589, park: "Horfield Common", streets: ["Gloucester Road", "Ashley Down Road", "Berkeley Road"] },
      { name: "Knowle", outward: "BS4", lat: 51.4323, lng: -2.5712, park: "Perretts Park", streets: ["Wells Road", "Broadwalk", "Redcatch Road"] },
      { name: "Hartcliffe", outward: "BS13", lat: 51.412, lng: -2.597, park: "Dundry Slopes", streets: ["Hareclive Road", "Hartcliffe Way", "Bishport Avenue"] },
      { name: "Fishponds", outward: "BS16", lat: 51.481, lng: -2.526, park: "Oldbury Court Estate", streets: ["Fishponds Road", "Straits Parade", "Lodge Causeway"] },
      { name: "Clifton", outward: "BS8", lat: 51.459, lng: -2.615, park: "Clifton Down", streets: ["Whiteladies Road", "Princess Victoria Street", "Regent Street"] },
      { name: "Lockleaze", outward: "BS7", lat: 51.488, lng: -2.568, park: "Stoke Park", streets: ["Gainsborough Square", "Romney Avenue", "Constable Road"] },
      { name: "Shirehampton", outward: "BS11", lat: 51.488, lng: -2.68, park: "Shirehampton Park", streets: ["High Street", "Station Road", "Pembroke Road"] },
      { name: "Hengrove", outward: "BS14", lat: 51.415, lng: -2.583, park: "Hengrove Park", streets: ["Fortfield Road", "Hengrove Way", "Petherton Road"] },
    ],
  },
  {
    name: "Manchester",
    lat: 53.4808,
    lng: -2.2426,
    phonePrefix: "0161 496 0",
    neighbourhoods: [
      { name: "Moss Side", outward: "M14", lat: 53.46, lng: -2.237, park: "Alexandra Park", streets: ["Princess Road", "Moss Lane East", "Quinney Crescent"] },
      { name: "Levenshulme", outward: "M19", lat: 53.444, lng: -2.192, park: "Highfield Country Park", streets: ["Stockport Road", "Barlow Road", "Chapel Street"] },
      { name: "Chorlton", outward: "M21", lat: 53.442, lng: -2.276, park: "Chorlton Park", streets: ["Barlow Moor Road", "Beech Road", "Wilbraham Road"] },
      { name: "Ancoats", outward: "M4", lat: 53.484, lng: -2.227, park: "New Islington Marina", streets: ["Great Ancoats Street", "Jersey Street", "Blossom Street"] },
      { name: "Didsbury", outward: "M20", lat: 53.417, lng: -2.231, park: "Fletcher Moss Park", streets: ["Wilmslow Road", "School Lane", "Barlow Moor Road"] },
      { name: "Longsight", outward: "M13", lat: 53.458, lng: -2.201, park: "Crowcroft Park", streets: ["Stockport Road", "Dickenson Road", "Northmoor Road"] },
      { name: "Harpurhey", outward: "M9", lat: 53.509, lng: -2.218, park: "Queen's Park", streets: ["Rochdale Road", "Church Lane", "Moston Lane"] },
      { name: "Wythenshawe", outward: "M22", lat: 53.388, lng: -2.263, park: "Wythenshawe Park", streets: ["Rowlandsway", "Hollyhedge Road", "Brownley Road"] },
      { name: "Gorton", outward: "M18", lat: 53.466, lng: -2.17, park: "Debdale Park", streets: ["Hyde Road", "Cross Lane", "Wellington Street"] },
      { name: "Rusholme", outward: "M14", lat: 53.456, lng: -2.225, park: "Platt Fields Park", streets: ["Wilmslow Road", "Platt Lane", "Claremont Road"] },
      { name: "Hulme", outward: "M15", lat: 53.467, lng: -2.25, park: "Hulme Park", streets: ["Stretford Road", "Royce Road", "Rolls Crescent"] },
      { name: "Cheetham Hill", outward: "M8", lat: 53.502, lng: -2.238, park: "Cheetham Park", streets: ["Cheetham Hill Road", "Waterloo Road", "Heywood Street"] },
    ],
  },
  {
    name: "Norwich",
    lat: 52.6309,
    lng: 1.2974,
    phonePrefix: "01632 960",
    neighbourhoods: [
      { name: "Mile Cross", outward: "NR3", lat: 52.645, lng: 1.276, park: "Sloughbottom Park", streets: ["Aylsham Road", "Mile Cross Road", "Bolingbroke Road"] },
      { name: "Wensum", outward: "NR3", lat: 52.638, lng: 1.285, park: "Wensum Park", streets: ["Drayton Road", "Waterloo Road", "Aylsham Road"] },
      { name: "Lakenham", outward: "NR1", lat: 52.615, lng: 1.295, park: "Lakenham Common", streets: ["Hall Road", "City Road", "Long John Hill"] },
      { name: "Earlham", outward: "NR5", lat: 52.629, lng: 1.245, park: "Earlham Park", streets: ["Earlham Road", "Colman Road", "Earlham Green Lane"] },
      { name: "Old Catton", outward: "NR6", lat: 52.659, lng: 1.298, park: "Catton Park", streets: ["Spixworth Road", "Church Street", "Oak Lane"] },
      { name: "Thorpe Hamlet", outward: "NR1", lat: 52.63, lng: 1.315, park: "Mousehold Heath", streets: ["Telegraph Lane East", "Ella Road", "Rosary Road"] },
      { name: "Bowthorpe", outward: "NR5", lat: 52.638, lng: 1.221, park: "Bowthorpe Southern Park", streets: ["Wendene", "Clover Hill Road", "Bowthorpe Hall Road"] },
      { name: "Heartsease", outward: "NR7", lat: 52.642, lng: 1.337, park: "Heartsease Playing Fields", streets: ["Plumstead Road", "Heartsease Lane", "Rider Haggard Road"] },
      { name: "Eaton", outward: "NR4", lat: 52.613, lng: 1.26, park: "Marston Marshes", streets: ["Eaton Street", "Church Lane", "Bluebell Road"] },
      { name: "Sprowston", outward: "NR7", lat: 52.652, lng: 1.327, park: "Sprowston Recreation Ground", streets: ["Wroxham Road", "Blue Boar Lane", "Cannerby Lane"] },
      { name: "Heigham", outward: "NR2", lat: 52.629, lng: 1.274, park: "Heigham Park", streets: ["Unthank Road", "Trinity Street", "Recorder Road"] },
    ],
  },
];

// ---------------------------------------------------------------------------
// Venues: kinds of place, how they are named and what access they usually have.

type VenueKind =
  | "library"
  | "community_centre"
  | "church_hall"
  | "park"
  | "park_cafe"
  | "allotment"
  | "leisure_centre"
  | "workshop"
  | "advice_centre"
  | "cafe"
  | "shop";

interface VenueKindSpec {
  /** Placeholders: {place}, {park}, {street}, {saint}. */
  names: readonly string[];
  /** How the street line reads: a building number, a park entrance, or "off" a road. */
  address: "building" | "entrance" | "off_street";
  /** Features this kind of venue nearly always has… */
  access: readonly Access[];
  /** …and ones each venue has with even odds. */
  sometimes: readonly Access[];
}

const VENUE_KINDS: Record<VenueKind, VenueKindSpec> = {
  library: {
    names: ["{place} Library", "{place} Library and Community Hub"],
    address: "building",
    access: ["step_free", "accessible_toilet", "public_transport", "large_print"],
    sometimes: ["hearing_loop", "seating", "quiet_space"],
  },
  community_centre: {
    names: ["{place} Community Centre", "{place} Community Hub", "{place} Neighbourhood Centre"],
    address: "building",
    access: ["step_free", "accessible_toilet", "seating"],
    sometimes: ["hearing_loop", "parking", "quiet_space", "public_transport"],
  },
  church_hall: {
    names: [
      "St {saint}'s Church Hall",
      "{place} Methodist Church Hall",
      "St {saint}'s Parish Centre",
      "{place} Baptist Church Hall",
      "{place} Friends Meeting House",
    ],
    address: "building",
    access: ["seating"],
    sometimes: ["step_free", "accessible_toilet", "hearing_loop", "parking", "public_transport"],
  },
  park: {
    names: ["{park}"],
    address: "entrance",
    access: ["public_transport"],
    sometimes: ["parking", "seating"],
  },
  park_cafe: {
    names: ["{park} Café", "The Lodge Café, {park}"],
    address: "entrance",
    access: ["step_free", "accessible_toilet", "seating"],
    sometimes: ["parking", "public_transport"],
  },
  allotment: {
    names: ["{place} Community Allotment", "{street} Allotments", "{place} Community Garden"],
    address: "off_street",
    access: [],
    sometimes: ["parking", "seating", "public_transport"],
  },
  leisure_centre: {
    names: ["{place} Leisure Centre", "{place} Sports Centre", "{place} Pool and Fitness Centre"],
    address: "building",
    access: ["step_free", "accessible_toilet", "parking", "public_transport"],
    sometimes: ["hearing_loop", "seating"],
  },
  workshop: {
    names: ["{place} Community Workshop", "The Shed, {street}"],
    address: "building",
    access: ["parking", "seating"],
    sometimes: ["step_free", "public_transport"],
  },
  advice_centre: {
    names: ["{place} Advice Centre", "{place} One Stop Centre", "{place} Community Law and Advice Hub"],
    address: "building",
    access: ["step_free", "accessible_toilet", "quiet_space"],
    sometimes: ["hearing_loop", "public_transport", "large_print"],
  },
  cafe: {
    names: ["{place} Community Café", "The Corner Café, {street}"],
    address: "building",
    access: ["seating", "public_transport"],
    sometimes: ["step_free", "accessible_toilet"],
  },
  shop: {
    names: ["{place} Community Shop", "{place} Hospice Charity Shop", "{place} Furniture Reuse Shop"],
    address: "building",
    access: ["step_free"],
    sometimes: ["public_transport", "parking"],
  },
};

const ENTRANCES: readonly string[] = ["Main gate, {street}", "Car park entrance, {street}", "{street} entrance"];

const SAINTS: readonly string[] = [
  "Mark", "Aidan", "Luke", "Andrew", "Michael", "Chad", "Margaret", "Stephen", "Peter",
  "Mary", "John", "Matthew", "Anne", "Hilda", "Cuthbert", "Martin", "Philip", "George",
];

/** Letters allowed in the inward part of a UK postcode. */
const INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

// ---------------------------------------------------------------------------
// Activity templates, by category. Placeholders: {place} (the neighbourhood,
// or the city for remote activities), {park}, {venue}, {city}.

type JoinStyle = "drop_in" | "open" | "screened";

interface CostRule {
  /** Relative weights of each cost type. */
  free?: number;
  pwyc?: number;
  paid?: number;
  /** Price range in pence for paid sessions (chosen in 50p steps). */
  price?: readonly [number, number];
  /** How the price is described; {price} is filled in. */
  paidDetails?: string;
}

interface ActivityTemplate {
  title: string;
  /** At most 160 characters. */
  summary: string;
  /** Two or three sentences; one more about how to join is added. */
  description: string;
  tags: readonly string[];
  suitableFor: readonly Suitability[];
  /** Empty for remote activities. */
  venues: readonly VenueKind[];
  startTimes: readonly string[];
  durationMinutes: number;
  capacity: readonly [number, number];
  cost: CostRule;
  join: JoinStyle;
  rhythms?: readonly Rhythm[];
  days?: readonly Weekday[];
  completionSessions?: number;
  extraAccess?: readonly Access[];
  /** Energetic or uneven ground: don't add "wheelchair users" automatically. */
  physical?: boolean;
  /** Sometimes runs on two days a week (two schedules). */
  twiceWeekly?: boolean;
  /** A seasonal activity that ends on this date. */
  until?: string;
  /** No venue: a video call or a telephone service. */
  remote?: "video" | "phone";
}

const WEEKDAYS_ONLY: readonly Weekday[] = ["MO", "TU", "WE", "TH", "FR"];
const WEEKENDS: readonly Weekday[] = ["SA", "SU"];
const DEFAULT_RHYTHMS: readonly Rhythm[] = ["weekly", "weekly", "weekly", "fortnightly", "monthly"];

const FREE: CostRule = { free: 1 };
const MOSTLY_FREE: CostRule = { free: 3, pwyc: 1 };
const DONATION: CostRule = { free: 1, pwyc: 2 };
const CLASS_FEE: CostRule = { paid: 3, pwyc: 1, free: 1, price: [300, 500] };

const TEMPLATES: Record<Category, readonly ActivityTemplate[]> = {
  walking: [
    {
      title: "{place} Health Walk",
      summary: "A friendly, gently paced walk of about an hour on flat paths, led by trained volunteers. Stay for a cuppa afterwards if you like.",
      description: "Our health walks follow well-surfaced paths around {park} and last about an hour. A trained walk leader sets an easy pace and a back marker makes sure nobody is left behind.",
      tags: ["health walk", "outdoors", "gentle exercise"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["park"],
      startTimes: ["10:00", "10:30", "13:30"],
      durationMinutes: 60,
      capacity: [15, 30],
      cost: FREE,
      join: "drop_in",
      rhythms: ["weekly", "weekly", "fortnightly"],
    },
    {
      title: "{place} Buggy Walk",
      summary: "A sociable walk for parents and carers with babies and toddlers in buggies or slings. Pushchair-friendly route, café stop at the end.",
      description: "Bring your little one in a buggy or sling and meet other parents while getting some fresh air. The route around {park} is pushchair friendly and takes about 45 minutes. We usually finish with a chat over a hot drink.",
      tags: ["buggy walk", "new parents", "outdoors"],
      suitableFor: ["adults", "families", "no_experience_needed", "carers_welcome"],
      venues: ["park"],
      startTimes: ["10:00", "10:30"],
      durationMinutes: 60,
      capacity: [10, 20],
      cost: FREE,
      join: "drop_in",
      days: WEEKDAYS_ONLY,
    },
    {
      title: "Nordic Walking at {park}",
      summary: "Learn Nordic walking with poles: a full-body workout that is kind to your joints. Poles are provided while you learn.",
      description: "Nordic walking uses specially designed poles to work your upper body as you walk, so you get fitter with less strain on your knees. A qualified instructor teaches the technique over the first few sessions.",
      tags: ["nordic walking", "fitness", "outdoors"],
      suitableFor: ["adults", "older_people"],
      venues: ["park"],
      startTimes: ["09:30", "10:00", "18:00"],
      durationMinutes: 75,
      capacity: [8, 14],
      cost: { paid: 3, pwyc: 1, price: [300, 500] },
      join: "open",
      rhythms: ["weekly"],
      physical: true,
    },
    {
      title: "{place} Walk and Talk",
      summary: "A relaxed walk with time to chat, for anyone feeling low, stressed or a bit isolated. Company matters more than speed.",
      description: "Walking side by side makes it easier to talk, and this group is about company as much as exercise. We walk for around an hour at a comfortable pace, with a break halfway. Our walk leaders have mental health first aid training.",
      tags: ["mental health", "wellbeing", "outdoors", "social"],
      suitableFor: ["adults", "young_adults", "no_experience_needed"],
      venues: ["park"],
      startTimes: ["10:30", "13:00", "17:30"],
      durationMinutes: 75,
      capacity: [10, 16],
      cost: FREE,
      join: "open",
    },
    {
      title: "{place} Memory Walk",
      summary: "A short, slow stroll for people living with dementia and those who care for them, followed by tea and a chat indoors.",
      description: "This shorter walk of about 30 minutes is planned with people living with dementia in mind, on level paths with plenty of benches. Family, friends and carers are warmly welcome to walk alongside.",
      tags: ["dementia", "gentle", "outdoors", "carers"],
      suitableFor: ["older_people", "dementia_friendly", "carers_welcome", "no_experience_needed"],
      venues: ["park"],
      startTimes: ["10:30", "14:00"],
      durationMinutes: 60,
      capacity: [8, 14],
      cost: FREE,
      join: "open",
      rhythms: ["weekly", "fortnightly", "monthly"],
      extraAccess: ["seating"],
    },
    {
      title: "{place} Women's Walking Group",
      summary: "A friendly walking group for women of all ages and fitness levels. Walk, talk and get to know your neighbours.",
      description: "We set off from {park} and walk for about an hour, taking a different route each time. The pace is set so that everyone can keep up and chat. Many of our walkers came along on their own the first time.",
      tags: ["women", "walking", "social", "outdoors"],
      suitableFor: ["women_only", "adults", "no_experience_needed"],
      venues: ["park"],
      startTimes: ["09:30", "10:00", "18:00"],
      durationMinutes: 60,
      capacity: [10, 20],
      cost: FREE,
      join: "drop_in",
    },
    {
      title: "{park} Nature Walk",
      summary: "A monthly wander with a local naturalist to spot birds, trees and wildflowers. Binoculars to borrow; children welcome.",
      description: "Each month we explore {park} at an easy pace and look at what is changing with the seasons. Our guide shares stories about the birds, trees and insects we find along the way.",
      tags: ["nature", "wildlife", "outdoors", "family"],
      suitableFor: ["adults", "families", "older_people", "no_experience_needed"],
      venues: ["park"],
      startTimes: ["10:00", "10:30"],
      durationMinutes: 90,
      capacity: [12, 25],
      cost: MOSTLY_FREE,
      join: "open",
      rhythms: ["monthly"],
      days: WEEKENDS,
    },
    {
      title: "Step Out {place}",
      summary: "A 30-minute beginners' walk for people who have not been active for a while. Build up slowly with others at the same stage.",
      description: "Step Out is for anyone getting back on their feet after illness, an operation or a long spell indoors. Walks start at 30 minutes and build up week by week over the course. A walk leader checks in with everyone at the start of each session.",
      tags: ["beginners", "recovery", "gentle exercise", "outdoors"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["park"],
      startTimes: ["11:00", "13:30"],
      durationMinutes: 45,
      capacity: [8, 12],
      cost: FREE,
      join: "screened",
      rhythms: ["weekly"],
      completionSessions: 8,
    },
  ],
  gardening: [
    {
      title: "{place} Community Allotment",
      summary: "Grow fruit and vegetables alongside friendly neighbours on our shared plot. No experience or tools needed.",
      description: "Join us on our shared allotment to sow, weed and harvest through the seasons. Tools, gloves and seeds are provided, and there is always a job to suit your energy levels. We stop for a brew in the shed halfway through.",
      tags: ["allotment", "growing", "outdoors", "food"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["allotment"],
      startTimes: ["10:00", "13:00"],
      durationMinutes: 150,
      capacity: [8, 15],
      cost: FREE,
      join: "open",
      rhythms: ["weekly", "weekly", "fortnightly"],
      physical: true,
    },
    {
      title: "{park} Conservation Volunteers",
      summary: "Help look after {park}: planting hedges, clearing paths and making homes for wildlife. Tools and training provided.",
      description: "Our conservation team does practical jobs that keep {park} healthy for people and wildlife. You will learn to use hand tools safely and can work at your own pace. Wear old clothes and sturdy shoes.",
      tags: ["conservation", "nature", "outdoors", "volunteering"],
      suitableFor: ["adults", "young_adults", "no_experience_needed"],
      venues: ["park"],
      startTimes: ["10:00"],
      durationMinutes: 180,
      capacity: [10, 20],
      cost: FREE,
      join: "open",
      days: ["TU", "WE", "TH", "SA"],
      physical: true,
    },
    {
      title: "{place} Growing Well",
      summary: "Small-group therapeutic gardening for people recovering from illness or managing low mood. Gentle tasks, raised beds, good company.",
      description: "Growing Well is a calm, supportive gardening group led by a horticultural therapist. Raised beds and seated tasks mean everyone can take part, whatever their mobility. Over the course you will grow something from seed to harvest.",
      tags: ["therapeutic gardening", "mental health", "growing"],
      suitableFor: ["adults", "no_experience_needed", "wheelchair_users"],
      venues: ["allotment", "community_centre"],
      startTimes: ["10:00", "13:30"],
      durationMinutes: 120,
      capacity: [8, 10],
      cost: FREE,
      join: "screened",
      rhythms: ["weekly"],
      completionSessions: 10,
      extraAccess: ["seating", "quiet_space"],
    },
    {
      title: "{place} Green Gym",
      summary: "Get active outdoors with practical gardening and conservation tasks. Every session starts with a warm-up and ends with a cuppa.",
      description: "Green Gym swaps the treadmill for digging, planting and path-building in {park}. Sessions start with a warm-up and end with a cool-down and a hot drink. It is a good way to build strength and meet people.",
      tags: ["green gym", "outdoors", "exercise", "conservation"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["park"],
      startTimes: ["10:00", "13:00"],
      durationMinutes: 150,
      capacity: [10, 16],
      cost: FREE,
      join: "drop_in",
      physical: true,
    },
    {
      title: "{place} Seed Swap and Garden Club",
      summary: "Share seeds, cuttings and growing tips with fellow gardeners. Beginners, windowsill and balcony growers all welcome.",
      description: "Each month we swap seeds and plants and talk about what to grow next. There is usually a short talk from a member or a guest on a seasonal topic.",
      tags: ["seed swap", "gardening club", "growing", "social"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["library", "community_centre"],
      startTimes: ["14:00", "18:30"],
      durationMinutes: 90,
      capacity: [12, 25],
      cost: DONATION,
      join: "drop_in",
      rhythms: ["monthly"],
    },
    {
      title: "{place} Community Orchard Days",
      summary: "Prune, plant and pick in our community orchard. Family-friendly days with a shared lunch and apple juice pressing in autumn.",
      description: "Our community orchard needs looking after all year round, from winter pruning to the autumn harvest. Experienced volunteers show you what to do, and children can help with lighter jobs.",
      tags: ["orchard", "outdoors", "family", "growing"],
      suitableFor: ["adults", "families", "no_experience_needed"],
      venues: ["park", "allotment"],
      startTimes: ["10:00", "10:30"],
      durationMinutes: 180,
      capacity: [12, 25],
      cost: FREE,
      join: "drop_in",
      rhythms: ["monthly", "fortnightly"],
      days: WEEKENDS,
      physical: true,
    },
  ],
  "arts-crafts": [
    {
      title: "{place} Knit and Natter",
      summary: "Bring your knitting, crochet or sewing, or learn from scratch, over tea and a chat. Needles and wool to borrow.",
      description: "Knit and Natter is a relaxed group where the chatting matters as much as the stitching. Experienced knitters are happy to help beginners cast on. Some of our members knit blankets and hats for local charities.",
      tags: ["knitting", "crochet", "crafts", "social"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["library", "cafe", "church_hall"],
      startTimes: ["10:00", "13:30", "14:00"],
      durationMinutes: 120,
      capacity: [10, 20],
      cost: DONATION,
      join: "drop_in",
    },
    {
      title: "Pottery for Beginners, {place}",
      summary: "A six-week course in hand-building, throwing and glazing with a friendly potter. All clay, tools and firing included.",
      description: "Over six weeks you will learn pinch pots, coil building and a first go on the wheel. Small groups mean plenty of one-to-one help, and you take your fired pieces home at the end.",
      tags: ["pottery", "ceramics", "course", "creative"],
      suitableFor: ["adults", "young_adults", "no_experience_needed"],
      venues: ["community_centre", "workshop"],
      startTimes: ["10:00", "18:30"],
      durationMinutes: 120,
      capacity: [8, 10],
      cost: { paid: 4, free: 1, price: [600, 800], paidDetails: "{price} a session, materials and firing included" },
      join: "open",
      rhythms: ["weekly"],
      completionSessions: 6,
    },
    {
      title: "{place} Watercolour Group",
      summary: "Paint together in a relaxed, friendly group. Tutor-led exercises for beginners and space to work on your own pieces.",
      description: "Each session starts with a short demonstration of a watercolour technique, then you paint at your own pace. Paper, paints and brushes are provided for newcomers.",
      tags: ["painting", "watercolour", "art", "creative"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["church_hall", "library", "community_centre"],
      startTimes: ["10:00", "13:30"],
      durationMinutes: 120,
      capacity: [8, 14],
      cost: CLASS_FEE,
      join: "open",
    },
    {
      title: "{place} Art for Wellbeing",
      summary: "An eight-week art course for people living with anxiety, depression or stress. No art experience needed, just curiosity.",
      description: "Led by an artist with mental health training, this course uses drawing, collage and printmaking to help you relax and express yourself. The group is small and the atmosphere is calm and unhurried.",
      tags: ["art", "mental health", "course", "creative"],
      suitableFor: ["adults", "young_adults", "no_experience_needed"],
      venues: ["community_centre", "library"],
      startTimes: ["10:30", "13:30"],
      durationMinutes: 120,
      capacity: [8, 10],
      cost: FREE,
      join: "screened",
      rhythms: ["weekly"],
      completionSessions: 8,
      extraAccess: ["quiet_space"],
    },
    {
      title: "{place} Sewing and Mending Café",
      summary: "Bring clothes to fix or learn to sew on a machine. Volunteers help with hems, buttons, zips and simple alterations.",
      description: "Our sewing volunteers will show you how to mend rather than throw away. Sewing machines, thread and fabric offcuts are provided.",
      tags: ["sewing", "mending", "sustainability", "crafts"],
      suitableFor: ["adults", "young_adults", "no_experience_needed"],
      venues: ["community_centre", "cafe", "church_hall"],
      startTimes: ["10:00", "13:00", "18:00"],
      durationMinutes: 120,
      capacity: [8, 12],
      cost: DONATION,
      join: "drop_in",
      rhythms: ["fortnightly", "monthly"],
    },
    {
      title: "{place} Sketching Club",
      summary: "Draw the world around you with a friendly group. Pencils and sketchbooks provided; all abilities welcome.",
      description: "We meet at {venue} and draw whatever catches our eye, from buildings to people walking by. A local illustrator offers gentle tips but there is no pressure to share your work.",
      tags: ["drawing", "sketching", "art", "social"],
      suitableFor: ["adults", "older_people", "young_adults", "no_experience_needed"],
      venues: ["park_cafe", "library"],
      startTimes: ["10:30", "14:00"],
      durationMinutes: 90,
      capacity: [8, 15],
      cost: MOSTLY_FREE,
      join: "drop_in",
      rhythms: ["weekly", "fortnightly"],
    },
    {
      title: "{place} Craft and Chat",
      summary: "A different make every week: card-making, collage, weaving and seasonal decorations. Materials provided; just bring yourself.",
      description: "Craft and Chat is a warm, informal session where a volunteer brings a simple project to try. You can follow along or bring your own craft to work on. Tea, coffee and biscuits are always on the go.",
      tags: ["crafts", "card making", "social"],
      suitableFor: ["adults", "older_people", "no_experience_needed", "dementia_friendly"],
      venues: ["church_hall", "community_centre", "library"],
      startTimes: ["10:00", "13:30"],
      durationMinutes: 120,
      capacity: [10, 16],
      cost: DONATION,
      join: "drop_in",
    },
  ],
  exercise: [
    {
      title: "Chair Yoga, {place}",
      summary: "Gentle yoga done sitting on, or holding, a chair. Improves flexibility, balance and breathing; ideal if standing is difficult.",
      description: "Chair yoga brings the benefits of yoga to people who find getting onto the floor hard. Our instructor offers options for every movement so you can work within your limits.",
      tags: ["yoga", "chair-based", "gentle exercise", "flexibility"],
      suitableFor: ["adults", "older_people", "no_experience_needed", "wheelchair_users"],
      venues: ["community_centre", "church_hall"],
      startTimes: ["10:00", "11:00", "14:00"],
      durationMinutes: 60,
      capacity: [10, 16],
      cost: CLASS_FEE,
      join: "open",
      rhythms: ["weekly"],
      twiceWeekly: true,
      extraAccess: ["seating"],
    },
    {
      title: "Tai Chi for Balance, {place}",
      summary: "Slow, flowing tai chi movements that build strength and balance and help prevent falls. A calm and sociable class.",
      description: "This class teaches a short tai chi form designed to improve balance and leg strength. Research shows regular practice can reduce the risk of falls. Movements can be done standing or seated.",
      tags: ["tai chi", "balance", "falls prevention", "gentle exercise"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["community_centre", "church_hall", "leisure_centre"],
      startTimes: ["10:00", "11:00", "13:30"],
      durationMinutes: 60,
      capacity: [10, 16],
      cost: CLASS_FEE,
      join: "open",
      rhythms: ["weekly"],
      twiceWeekly: true,
    },
    {
      title: "{place} Walking Football",
      summary: "Football at walking pace: no running, no slide tackles, lots of laughs. Great for fitness and making friends.",
      description: "Walking football is a slower version of the beautiful game, ideal if you have not played for years or have a health condition. Sessions include a warm-up, skills and a friendly match.",
      tags: ["walking football", "team sport", "fitness", "social"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["leisure_centre"],
      startTimes: ["10:00", "11:00", "18:30"],
      durationMinutes: 60,
      capacity: [12, 20],
      cost: { paid: 3, free: 1, price: [300, 400] },
      join: "drop_in",
      physical: true,
    },
    {
      title: "Seated Exercise, {place}",
      summary: "A chair-based exercise class to music that builds strength, stamina and movement. Suitable for wheelchair users.",
      description: "This friendly class is done entirely seated, with light weights and resistance bands for those who want them. The instructor adapts every exercise to suit different abilities.",
      tags: ["seated exercise", "chair-based", "strength", "older people"],
      suitableFor: ["older_people", "wheelchair_users", "no_experience_needed", "dementia_friendly"],
      venues: ["community_centre", "church_hall"],
      startTimes: ["10:30", "11:00", "14:00"],
      durationMinutes: 45,
      capacity: [10, 18],
      cost: MOSTLY_FREE,
      join: "drop_in",
      rhythms: ["weekly"],
      twiceWeekly: true,
      extraAccess: ["seating"],
    },
    {
      title: "{place} Gentle Swim",
      summary: "A quieter swim session in a warm pool with lanes for slower swimmers. Lifeguards on poolside and help with getting in and out.",
      description: "Gentle Swim keeps the pool calm, with a slow lane and a warm-water area for exercise. There is a hoist and a poolside chair for anyone who needs help getting into the water.",
      tags: ["swimming", "pool", "gentle exercise"],
      suitableFor: ["adults", "older_people", "no_experience_needed", "wheelchair_users"],
      venues: ["leisure_centre"],
      startTimes: ["09:00", "12:00", "14:00"],
      durationMinutes: 60,
      capacity: [15, 30],
      cost: { paid: 1, price: [350, 450], paidDetails: "{price} a swim, pay at reception" },
      join: "drop_in",
    },
    {
      title: "{place} Strength and Balance",
      summary: "A 12-week falls prevention programme led by a qualified instructor, for people who feel unsteady or have had a fall.",
      description: "This evidence-based programme builds leg strength and confidence step by step. Each class has standing and seated exercises, and you get a simple routine to practise at home.",
      tags: ["falls prevention", "strength", "balance", "course"],
      suitableFor: ["older_people", "no_experience_needed"],
      venues: ["community_centre", "leisure_centre"],
      startTimes: ["10:00", "13:30"],
      durationMinutes: 60,
      capacity: [8, 12],
      cost: FREE,
      join: "screened",
      rhythms: ["weekly"],
      completionSessions: 12,
      twiceWeekly: true,
    },
    {
      title: "Beginners' Yoga, {place}",
      summary: "A slow-paced yoga class for complete beginners, with simple poses, breathing and relaxation. Mats provided.",
      description: "Our beginners' class goes through the basics of yoga at a gentle pace. Every pose has an easier option, and the class ends with a guided relaxation.",
      tags: ["yoga", "beginners", "relaxation", "flexibility"],
      suitableFor: ["adults", "young_adults", "no_experience_needed"],
      venues: ["community_centre", "church_hall", "leisure_centre"],
      startTimes: ["18:00", "18:30", "19:00", "10:00"],
      durationMinutes: 60,
      capacity: [10, 18],
      cost: { paid: 4, pwyc: 1, price: [500, 700] },
      join: "open",
      rhythms: ["weekly"],
    },
    {
      title: "{place} Dance for Health",
      summary: "Seated and standing dance to music from the 1950s to today. Fun, gentle exercise that is good for body and memory.",
      description: "Dance for Health mixes simple routines with plenty of laughter. You can join in standing or from a chair, and nobody minds if you go the wrong way.",
      tags: ["dance", "music", "gentle exercise", "social"],
      suitableFor: ["adults", "older_people", "no_experience_needed", "dementia_friendly"],
      venues: ["community_centre", "church_hall"],
      startTimes: ["10:30", "14:00"],
      durationMinutes: 60,
      capacity: [12, 24],
      cost: CLASS_FEE,
      join: "drop_in",
    },
    {
      title: "{place} Women's Swim",
      summary: "A women-only swim with female lifeguards and covered windows. Relaxed lane swimming and a shallow area for non-swimmers.",
      description: "Our women-only sessions give a private, relaxed space to swim at your own pace. A swimming teacher is on hand for anyone who wants tips or is building confidence in the water.",
      tags: ["swimming", "women", "pool"],
      suitableFor: ["women_only", "adults", "no_experience_needed"],
      venues: ["leisure_centre"],
      startTimes: ["18:30", "19:00", "10:00"],
      durationMinutes: 60,
      capacity: [15, 30],
      cost: { paid: 1, price: [350, 450], paidDetails: "{price} a swim, pay at reception" },
      join: "drop_in",
      rhythms: ["weekly"],
    },
  ],
  "book-clubs": [
    {
      title: "{place} Library Book Group",
      summary: "A friendly monthly book group. Copies are provided by the library, including large print and audiobooks.",
      description: "We choose a book together each month and meet to talk about what we thought. The library provides copies in large print and audio too.",
      tags: ["book group", "reading", "library"],
      suitableFor: ["adults", "older_people"],
      venues: ["library"],
      startTimes: ["14:00", "18:00"],
      durationMinutes: 90,
      capacity: [8, 14],
      cost: FREE,
      join: "open",
      rhythms: ["monthly"],
      extraAccess: ["large_print"],
    },
    {
      title: "Shared Reading, {place}",
      summary: "Stories and poems read aloud, then talked about together. Nothing to read in advance and no need to read aloud yourself.",
      description: "A trained reader leads the group through a short story and a poem, pausing to talk about them as we go. It is a relaxed way to enjoy literature and meet people.",
      tags: ["shared reading", "poetry", "stories", "wellbeing"],
      suitableFor: ["adults", "older_people", "no_experience_needed", "dementia_friendly"],
      venues: ["library", "community_centre", "church_hall"],
      startTimes: ["10:30", "14:00"],
      durationMinutes: 90,
      capacity: [6, 12],
      cost: FREE,
      join: "open",
      rhythms: ["weekly", "weekly", "fortnightly"],
    },
    {
      title: "{place} Creative Writing Circle",
      summary: "Write, share and encourage each other. Short prompts to get you started, friendly feedback if you want it.",
      description: "Each session begins with a writing prompt and time to write. Members can read their work aloud for kind, constructive feedback, or simply listen.",
      tags: ["creative writing", "poetry", "stories"],
      suitableFor: ["adults", "young_adults", "no_experience_needed"],
      venues: ["library", "cafe"],
      startTimes: ["18:30", "10:30"],
      durationMinutes: 90,
      capacity: [6, 12],
      cost: MOSTLY_FREE,
      join: "open",
      rhythms: ["fortnightly", "monthly"],
    },
    {
      title: "{place} Crime Fiction Club",
      summary: "For lovers of whodunnits, thrillers and detective stories. One book a month, lively discussion guaranteed.",
      description: "We read a mix of classic and new crime fiction, from Agatha Christie to the latest Nordic noir. Discussion is friendly and nobody minds if you have not quite finished the book.",
      tags: ["book group", "crime fiction", "reading"],
      suitableFor: ["adults", "older_people"],
      venues: ["library", "cafe"],
      startTimes: ["18:30", "14:00"],
      durationMinutes: 90,
      capacity: [8, 14],
      cost: FREE,
      join: "open",
      rhythms: ["monthly"],
    },
    {
      title: "{place} Quick Reads Club",
      summary: "Short, gripping books for people who want to get back into reading or build confidence. Relaxed, no pressure.",
      description: "We read short books written to be easy to get into, a chapter or two at a time, and chat about them over a cuppa. Volunteers are on hand to help anyone who finds reading difficult.",
      tags: ["reading", "literacy", "confidence"],
      suitableFor: ["adults", "young_adults", "no_experience_needed"],
      venues: ["library", "community_centre"],
      startTimes: ["13:30", "17:30"],
      durationMinutes: 60,
      capacity: [6, 10],
      cost: FREE,
      join: "open",
      rhythms: ["weekly", "fortnightly"],
    },
    {
      title: "{place} LGBTQ+ Book Club",
      summary: "A welcoming book club reading LGBTQ+ authors and stories. Monthly meet-ups with snacks and good conversation.",
      description: "We read fiction, memoir and poetry by LGBTQ+ writers and meet monthly to talk about it. Everyone in the community and their allies is welcome.",
      tags: ["book group", "LGBTQ+", "reading", "social"],
      suitableFor: ["adults", "young_adults", "lgbtq"],
      venues: ["library", "cafe"],
      startTimes: ["18:30", "19:00"],
      durationMinutes: 90,
      capacity: [8, 15],
      cost: FREE,
      join: "open",
      rhythms: ["monthly"],
    },
  ],
  cooking: [
    {
      title: "Cooking on a Budget, {place}",
      summary: "A six-week course: cook healthy meals for under £1 a portion, then eat together. Take home a bag of ingredients each week.",
      description: "Each week we cook a simple, healthy dish from cheap store-cupboard ingredients and then sit down to eat it together. You take home the recipe and ingredients to make it again.",
      tags: ["cooking", "budget", "healthy eating", "course"],
      suitableFor: ["adults", "young_adults", "no_experience_needed"],
      venues: ["community_centre", "church_hall"],
      startTimes: ["10:00", "13:00", "17:30"],
      durationMinutes: 150,
      capacity: [8, 12],
      cost: FREE,
      join: "open",
      rhythms: ["weekly"],
      completionSessions: 6,
    },
    {
      title: "{place} Cook and Eat",
      summary: "Cook a meal together from fresh, seasonal ingredients, then share it around one big table. Everyone helps, nobody needs to be an expert.",
      description: "Cook and Eat brings people together in the kitchen at {venue} to prepare a simple, tasty meal. Then we all sit down and eat it together.",
      tags: ["cooking", "shared meal", "social"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["community_centre", "church_hall"],
      startTimes: ["11:00", "17:00"],
      durationMinutes: 150,
      capacity: [10, 16],
      cost: DONATION,
      join: "open",
    },
    {
      title: "{place} Men's Cooking Group",
      summary: "Learn to cook simple, healthy meals with other men. Good for anyone living alone or cooking for the first time.",
      description: "A relaxed group where men learn the basics, from a proper breakfast to a Sunday roast on a budget. We cook, we eat, we talk about the football.",
      tags: ["cooking", "men", "healthy eating", "social"],
      suitableFor: ["men_only", "adults", "older_people", "no_experience_needed"],
      venues: ["community_centre", "church_hall"],
      startTimes: ["10:30", "17:30"],
      durationMinutes: 150,
      capacity: [8, 12],
      cost: FREE,
      join: "open",
      rhythms: ["weekly", "fortnightly"],
    },
    {
      title: "{place} Family Cooking Club",
      summary: "Parents, carers and children cook a simple meal together and take the recipe home. Fun, messy and free.",
      description: "Family Cooking Club helps families try new, healthy food together. Children help with safe tasks like mixing and chopping soft vegetables, and we all eat what we make.",
      tags: ["cooking", "family", "children", "healthy eating"],
      suitableFor: ["families", "carers_welcome", "no_experience_needed"],
      venues: ["community_centre", "church_hall"],
      startTimes: ["10:00", "16:00"],
      durationMinutes: 120,
      capacity: [8, 12],
      cost: FREE,
      join: "open",
      days: ["WE", "TH", "SA"],
    },
    {
      title: "Batch Cooking Basics, {place}",
      summary: "Learn to cook in bulk and freeze portions: save money, time and energy. Take home a week of meals.",
      description: "We show you how to plan, cook and freeze a batch of healthy meals in one session. Bring containers if you have them; we have spares if not.",
      tags: ["cooking", "budget", "batch cooking", "energy saving"],
      suitableFor: ["adults", "young_adults", "no_experience_needed"],
      venues: ["community_centre"],
      startTimes: ["10:00", "17:30"],
      durationMinutes: 150,
      capacity: [8, 10],
      cost: FREE,
      join: "open",
      rhythms: ["fortnightly", "monthly"],
    },
    {
      title: "{place} World Kitchen",
      summary: "Share recipes and stories from around the world. Each month a different member leads the cooking.",
      description: "World Kitchen celebrates the many food cultures in {place}. One member teaches a family recipe, everyone helps cook, and then we eat together.",
      tags: ["cooking", "world food", "culture", "social"],
      suitableFor: ["adults", "families", "no_experience_needed"],
      venues: ["community_centre"],
      startTimes: ["11:00", "17:00"],
      durationMinutes: 180,
      capacity: [12, 20],
      cost: DONATION,
      join: "open",
      rhythms: ["monthly", "fortnightly"],
    },
  ],
  music: [
    {
      title: "{place} Community Choir",
      summary: "A friendly, non-auditioned choir singing pop, folk and gospel. No need to read music; we learn everything by ear.",
      description: "Our community choir is about the joy of singing together, not about being perfect. We learn songs in parts by ear, and perform a couple of times a year if members want to.",
      tags: ["choir", "singing", "music", "social"],
      suitableFor: ["adults", "older_people", "young_adults", "no_experience_needed"],
      venues: ["church_hall", "community_centre"],
      startTimes: ["19:00", "19:30"],
      durationMinutes: 90,
      capacity: [20, 30],
      cost: { pwyc: 2, paid: 2, price: [300, 400] },
      join: "drop_in",
      rhythms: ["weekly"],
      days: ["MO", "TU", "WE", "TH"],
    },
    {
      title: "Singing for Lung Health, {place}",
      summary: "Breathing exercises and gentle singing for people with COPD, asthma and other lung conditions. Sit or stand as you like.",
      description: "Led by a practitioner trained in singing for lung health, these sessions help you control your breathing and feel less breathless. Most of the session can be done seated.",
      tags: ["singing", "lung health", "COPD", "breathing"],
      suitableFor: ["adults", "older_people", "no_experience_needed", "wheelchair_users"],
      venues: ["church_hall", "community_centre"],
      startTimes: ["13:30", "14:00"],
      durationMinutes: 60,
      capacity: [10, 20],
      cost: MOSTLY_FREE,
      join: "screened",
      rhythms: ["weekly", "fortnightly"],
      extraAccess: ["seating"],
    },
    {
      title: "{place} Ukulele Group",
      summary: "Learn ukulele from scratch and play songs together. Instruments to borrow for your first few weeks.",
      description: "We start every session with a few easy chords and build up to playing songs as a group. You do not need to read music or own a ukulele to join.",
      tags: ["ukulele", "music", "beginners"],
      suitableFor: ["adults", "older_people", "young_adults", "no_experience_needed"],
      venues: ["library", "community_centre", "cafe"],
      startTimes: ["18:30", "19:00", "14:00"],
      durationMinutes: 90,
      capacity: [10, 20],
      cost: DONATION,
      join: "drop_in",
      rhythms: ["weekly", "fortnightly"],
    },
    {
      title: "{place} Musical Memories",
      summary: "Singing familiar songs together for people living with dementia, their families and carers. Tea and cake to follow.",
      description: "We sing well-loved songs from across the decades, with song sheets in large print. It is a warm, relaxed afternoon where carers can sing along and take a breather too.",
      tags: ["dementia", "singing", "carers", "music"],
      suitableFor: ["older_people", "dementia_friendly", "carers_welcome", "no_experience_needed"],
      venues: ["church_hall", "community_centre"],
      startTimes: ["14:00", "14:30"],
      durationMinutes: 90,
      capacity: [12, 24],
      cost: DONATION,
      join: "open",
      rhythms: ["fortnightly", "monthly"],
      extraAccess: ["seating", "large_print"],
    },
    {
      title: "{place} Community Drumming",
      summary: "Join a drumming circle and feel the rhythm. Drums provided; no musical experience needed.",
      description: "Our drumming circle uses West African djembes and hand percussion. The leader teaches simple rhythms that fit together, and it is surprisingly good for lifting your mood.",
      tags: ["drumming", "music", "rhythm", "wellbeing"],
      suitableFor: ["adults", "young_adults", "no_experience_needed"],
      venues: ["community_centre"],
      startTimes: ["18:30", "19:00"],
      durationMinutes: 90,
      capacity: [10, 16],
      cost: CLASS_FEE,
      join: "drop_in",
      rhythms: ["weekly", "fortnightly"],
    },
    {
      title: "{place} Open Mic and Jam",
      summary: "A relaxed evening for musicians, singers and poets of every level. Play a song, join the jam or just listen.",
      description: "Put your name on the list when you arrive and take a turn, or sit back and enjoy the music. A house band is happy to back singers who do not play.",
      tags: ["open mic", "music", "poetry", "social"],
      suitableFor: ["adults", "young_adults"],
      venues: ["cafe", "community_centre"],
      startTimes: ["19:00", "19:30"],
      durationMinutes: 150,
      capacity: [20, 30],
      cost: DONATION,
      join: "drop_in",
      rhythms: ["monthly"],
      days: ["TH", "FR"],
    },
  ],
  volunteering: [
    {
      title: "Food Bank Helper, {place}",
      summary: "Help sort donations, pack food parcels and welcome visitors at our food bank. Full induction and a friendly team.",
      description: "Volunteers are the heart of our food bank, checking dates, packing parcels and making visitors feel welcome. You will shadow an experienced volunteer for your first few shifts.",
      tags: ["food bank", "volunteering", "community"],
      suitableFor: ["adults", "young_adults", "older_people", "no_experience_needed"],
      venues: ["church_hall", "community_centre"],
      startTimes: ["09:30", "10:00", "13:00"],
      durationMinutes: 180,
      capacity: [8, 12],
      cost: FREE,
      join: "screened",
    },
    {
      title: "Charity Shop Volunteer, {place}",
      summary: "Sort donations, dress the window or work the till in our charity shop. Flexible shifts and a great way to build confidence.",
      description: "Shop volunteering is sociable, varied and good experience for work. Full training is given on the till and on pricing.",
      tags: ["charity shop", "retail", "volunteering", "work experience"],
      suitableFor: ["adults", "young_adults", "older_people", "no_experience_needed"],
      venues: ["shop"],
      startTimes: ["09:30", "13:00"],
      durationMinutes: 210,
      capacity: [8, 10],
      cost: FREE,
      join: "screened",
      rhythms: ["weekly"],
    },
    {
      title: "{place} Litter Pick",
      summary: "Help keep {place} clean and green. Pickers, bags and gloves provided; families and first-timers very welcome.",
      description: "We meet at {park} and spend a couple of hours clearing litter from streets and green spaces nearby. It is satisfying work, and a good way to meet neighbours.",
      tags: ["litter pick", "environment", "volunteering", "outdoors"],
      suitableFor: ["adults", "families", "young_adults", "no_experience_needed"],
      venues: ["park"],
      startTimes: ["10:00"],
      durationMinutes: 120,
      capacity: [15, 30],
      cost: FREE,
      join: "drop_in",
      rhythms: ["monthly", "fortnightly"],
      days: WEEKENDS,
    },
    {
      title: "Community Café Volunteer, {place}",
      summary: "Serve tea, make toast and chat with customers at our pay-as-you-feel community café. Food hygiene training provided.",
      description: "Our café is a warm place where anyone can get a hot drink and a meal, whatever they can afford. Volunteers help in the kitchen and front of house.",
      tags: ["café", "volunteering", "food", "community"],
      suitableFor: ["adults", "young_adults", "older_people", "no_experience_needed"],
      venues: ["cafe", "community_centre"],
      startTimes: ["09:30", "11:30"],
      durationMinutes: 180,
      capacity: [8, 10],
      cost: FREE,
      join: "screened",
    },
    {
      title: "{place} Repair Café",
      summary: "Bring broken toasters, lamps, bikes and clothes to be fixed, or volunteer your skills. Free, with tea and cake.",
      description: "Our volunteer fixers repair household items and teach you how to do it yourself. If you are handy with a screwdriver or a needle, come and join the team.",
      tags: ["repair café", "sustainability", "volunteering", "skills"],
      suitableFor: ["adults", "older_people", "families", "no_experience_needed"],
      venues: ["workshop", "community_centre", "church_hall"],
      startTimes: ["10:00", "13:00"],
      durationMinutes: 180,
      capacity: [10, 20],
      cost: DONATION,
      join: "drop_in",
      rhythms: ["monthly"],
      days: ["SA"],
    },
    {
      title: "Community Fridge Helper, {place}",
      summary: "Collect surplus food from local shops and help run our community fridge. Reduce waste and help neighbours.",
      description: "Volunteers collect surplus food, check it in and keep the fridge clean and stocked. It takes a couple of hours a week and makes a real difference.",
      tags: ["food waste", "volunteering", "community", "environment"],
      suitableFor: ["adults", "young_adults", "no_experience_needed"],
      venues: ["community_centre", "church_hall"],
      startTimes: ["10:00", "16:00"],
      durationMinutes: 120,
      capacity: [8, 10],
      cost: FREE,
      join: "open",
    },
  ],
  "peer-support": [
    {
      title: "{place} Bereavement Support Group",
      summary: "A safe, confidential space to share your experience of losing someone close, with others who understand.",
      description: "The group is led by trained bereavement volunteers and meets in a quiet, private room. You can talk as much or as little as you like.",
      tags: ["bereavement", "grief", "peer support"],
      suitableFor: ["adults", "older_people"],
      venues: ["church_hall", "community_centre"],
      startTimes: ["10:30", "14:00", "18:30"],
      durationMinutes: 90,
      capacity: [6, 12],
      cost: FREE,
      join: "screened",
      rhythms: ["fortnightly", "monthly"],
      extraAccess: ["quiet_space"],
    },
    {
      title: "{place} Men's Shed",
      summary: "A workshop where men make, mend and chat side by side. Woodwork, repairs and a brew; tools and materials provided.",
      description: "Men's Sheds are about friendship as much as woodwork. Members share skills, take on projects for the community and look out for each other. Newcomers are shown the ropes and the tools.",
      tags: ["men's shed", "woodwork", "men", "social"],
      suitableFor: ["men_only", "adults", "older_people", "no_experience_needed"],
      venues: ["workshop"],
      startTimes: ["10:00"],
      durationMinutes: 180,
      capacity: [8, 15],
      cost: DONATION,
      join: "drop_in",
      rhythms: ["weekly"],
      days: ["TU", "WE", "TH"],
    },
    {
      title: "{place} New Parents' Group",
      summary: "Meet other new parents, share the ups and downs, and get support from a trained peer supporter. Babies very welcome.",
      description: "Becoming a parent can be lonely as well as joyful. This relaxed group gives you time to talk, with toys and mats for babies.",
      tags: ["new parents", "babies", "peer support", "postnatal"],
      suitableFor: ["adults", "families", "young_adults", "carers_welcome"],
      venues: ["community_centre", "library"],
      startTimes: ["10:00", "10:30"],
      durationMinutes: 90,
      capacity: [8, 14],
      cost: FREE,
      join: "open",
      days: WEEKDAYS_ONLY,
    },
    {
      title: "Long COVID Support Group, {place}",
      summary: "Peer support for people living with long COVID: share what helps with fatigue, brain fog and pacing. Seated, unhurried.",
      description: "People with long COVID meet to share tips on pacing, managing fatigue and getting support. Sessions are short and you can leave early or rest whenever you need to.",
      tags: ["long COVID", "fatigue", "peer support"],
      suitableFor: ["adults"],
      venues: ["community_centre", "library"],
      startTimes: ["11:00", "14:00"],
      durationMinutes: 60,
      capacity: [6, 12],
      cost: FREE,
      join: "screened",
      rhythms: ["fortnightly"],
      extraAccess: ["seating", "quiet_space"],
    },
    {
      title: "{place} Carers' Group",
      summary: "Time for yourself and a chance to talk with other unpaid carers. Information, a listening ear and cake.",
      description: "If you look after a family member or friend, this group is for you. Sometimes we have a speaker on benefits, respite or care options, sometimes we simply chat.",
      tags: ["carers", "peer support", "respite"],
      suitableFor: ["adults", "older_people", "carers_welcome"],
      venues: ["community_centre", "church_hall", "library"],
      startTimes: ["10:30", "13:30", "18:00"],
      durationMinutes: 120,
      capacity: [8, 16],
      cost: FREE,
      join: "open",
      rhythms: ["fortnightly", "monthly"],
    },
    {
      title: "Anxiety Peer Support, {place}",
      summary: "A small group run by people with lived experience of anxiety. Share coping strategies in a safe, non-judgemental space.",
      description: "Our facilitators have lived experience of anxiety and are trained to run peer groups. We share what helps and what does not, and there is never any pressure to speak.",
      tags: ["anxiety", "mental health", "peer support"],
      suitableFor: ["adults", "young_adults"],
      venues: ["community_centre", "library"],
      startTimes: ["18:00", "18:30", "13:00"],
      durationMinutes: 90,
      capacity: [6, 10],
      cost: FREE,
      join: "screened",
      rhythms: ["weekly", "fortnightly"],
      extraAccess: ["quiet_space"],
    },
    {
      title: "Living with Pain Group, {place}",
      summary: "Meet others living with chronic pain. Gentle movement, relaxation and practical tips for everyday life.",
      description: "This peer-led group helps people with long-term pain swap ideas for pacing, sleep and staying active. A physiotherapist visits once a month to answer questions.",
      tags: ["chronic pain", "peer support", "self-management"],
      suitableFor: ["adults", "older_people"],
      venues: ["community_centre", "church_hall"],
      startTimes: ["10:30", "13:30"],
      durationMinutes: 90,
      capacity: [8, 12],
      cost: FREE,
      join: "screened",
      rhythms: ["fortnightly", "monthly"],
      extraAccess: ["seating"],
    },
  ],
  befriending: [
    {
      title: "{place} Coffee Morning",
      summary: "Drop in for a cuppa, a slice of cake and a friendly chat. A warm welcome for anyone who fancies some company.",
      description: "Our coffee morning is an easy way to get out of the house and meet people. Volunteers make sure newcomers are introduced and never left sitting alone.",
      tags: ["coffee morning", "social", "company"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["church_hall", "cafe", "community_centre", "library"],
      startTimes: ["10:00", "10:30"],
      durationMinutes: 120,
      capacity: [15, 30],
      cost: DONATION,
      join: "drop_in",
      rhythms: ["weekly", "weekly", "fortnightly"],
    },
    {
      title: "{place} Lunch Club",
      summary: "A hot two-course lunch and good company for older people. Transport can be arranged for those who need it.",
      description: "Our lunch club serves a freshly cooked two-course meal followed by tea, a quiz or bingo. Special diets can be catered for if you let us know.",
      tags: ["lunch club", "older people", "hot meal", "social"],
      suitableFor: ["older_people", "no_experience_needed", "dementia_friendly"],
      venues: ["church_hall", "community_centre"],
      startTimes: ["12:00", "12:30"],
      durationMinutes: 150,
      capacity: [20, 30],
      cost: { paid: 4, pwyc: 1, price: [350, 500], paidDetails: "{price} for a two-course lunch and a hot drink" },
      join: "open",
      days: WEEKDAYS_ONLY,
    },
    {
      title: "{place} Memory Café",
      summary: "A relaxed café for people living with dementia and their carers, with music, activities and advice on hand.",
      description: "The Memory Café is a friendly place to meet others affected by dementia. There is tea and cake, an activity or some music, and a dementia adviser to chat to.",
      tags: ["dementia", "carers", "memory café", "social"],
      suitableFor: ["older_people", "dementia_friendly", "carers_welcome"],
      venues: ["church_hall", "community_centre", "library"],
      startTimes: ["10:30", "14:00"],
      durationMinutes: 120,
      capacity: [15, 25],
      cost: DONATION,
      join: "open",
      rhythms: ["fortnightly", "monthly"],
      extraAccess: ["seating", "quiet_space"],
    },
    {
      title: "{place} Friendship Café",
      summary: "A friendly afternoon of tea, board games and conversation for anyone feeling lonely or new to the area.",
      description: "Friendship Café is run by volunteers who love a chat. There are cards, dominoes and board games on the tables, and a regular crowd who will make you welcome.",
      tags: ["friendship", "games", "social", "loneliness"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["community_centre", "church_hall", "cafe"],
      startTimes: ["13:30", "14:00"],
      durationMinutes: 120,
      capacity: [15, 25],
      cost: FREE,
      join: "drop_in",
    },
    {
      title: "{place} LGBTQ+ Over-50s Social",
      summary: "A monthly get-together for LGBTQ+ people over 50. Relaxed conversation, occasional outings and a warm welcome.",
      description: "Our social group gives older LGBTQ+ people the chance to meet, share stories and make new friends. We meet in a welcoming venue and plan trips together.",
      tags: ["LGBTQ+", "older people", "social"],
      suitableFor: ["older_people", "lgbtq", "adults"],
      venues: ["cafe", "community_centre"],
      startTimes: ["14:00", "18:30"],
      durationMinutes: 120,
      capacity: [10, 20],
      cost: FREE,
      join: "open",
      rhythms: ["monthly"],
    },
    {
      title: "{place} Warm Welcome",
      summary: "A warm, free space through the winter with hot drinks, soup, Wi-Fi and company. Stay as long as you like.",
      description: "Warm Welcome opens through the colder months for anyone who wants somewhere warm to be. There is soup at lunchtime, newspapers, phone charging and people to talk to.",
      tags: ["warm space", "winter", "hot food", "social"],
      suitableFor: ["adults", "older_people", "families", "no_experience_needed"],
      venues: ["library", "church_hall", "community_centre"],
      startTimes: ["10:00", "11:00"],
      durationMinutes: 240,
      capacity: [20, 30],
      cost: FREE,
      join: "drop_in",
      rhythms: ["weekly"],
      until: "2027-03-31",
    },
  ],
  "digital-skills": [
    {
      title: "Tablet and Smartphone Help, {place}",
      summary: "Bring your phone or tablet and get one-to-one help from patient volunteers: messaging, photos, video calls and more.",
      description: "Our digital volunteers help with whatever you want to learn, from sending a photo to setting up video calls with family. Tablets are available to borrow if you do not have one.",
      tags: ["smartphone", "tablet", "digital help"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["library", "community_centre"],
      startTimes: ["10:00", "14:00"],
      durationMinutes: 120,
      capacity: [8, 12],
      cost: FREE,
      join: "drop_in",
      rhythms: ["weekly", "weekly", "fortnightly"],
    },
    {
      title: "Staying Safe Online, {place}",
      summary: "A four-week course on spotting scams, creating strong passwords and shopping and banking safely online.",
      description: "Scammers are getting cleverer, and this course helps you stay one step ahead. We cover scam texts and emails, passwords, and how to shop and bank online with confidence.",
      tags: ["online safety", "scams", "course", "digital skills"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["library", "community_centre"],
      startTimes: ["10:00", "13:30"],
      durationMinutes: 90,
      capacity: [8, 12],
      cost: FREE,
      join: "open",
      rhythms: ["weekly"],
      completionSessions: 4,
    },
    {
      title: "{place} Get Online Drop-in",
      summary: "Free help with computers, email, online forms and job sites. Use our computers or bring your own device.",
      description: "Whether you need to apply for something online, set up an email account or print a document, our staff and volunteers can help.",
      tags: ["computers", "email", "online forms", "digital help"],
      suitableFor: ["adults", "young_adults", "older_people", "no_experience_needed"],
      venues: ["library"],
      startTimes: ["10:00", "14:00", "16:00"],
      durationMinutes: 120,
      capacity: [8, 12],
      cost: FREE,
      join: "drop_in",
    },
    {
      title: "Computer Basics, {place}",
      summary: "A six-week course for complete beginners: mouse and keyboard, the internet, email and video calls.",
      description: "This course starts right at the beginning, with switching on and using a mouse. By the end you will be able to search the internet, send emails and make a video call.",
      tags: ["computers", "beginners", "course", "digital skills"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["library", "community_centre"],
      startTimes: ["10:00", "13:30"],
      durationMinutes: 120,
      capacity: [6, 10],
      cost: FREE,
      join: "open",
      rhythms: ["weekly"],
      completionSessions: 6,
    },
    {
      title: "NHS App Help, {place}",
      summary: "Get set up on the NHS App: order repeat prescriptions, see test results and book GP appointments from your phone.",
      description: "A digital health champion will help you download the NHS App and prove your identity. We then show you how to use it for prescriptions, appointments and your health record.",
      tags: ["NHS App", "digital health", "smartphone"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["library", "community_centre"],
      startTimes: ["10:30", "14:00"],
      durationMinutes: 120,
      capacity: [6, 10],
      cost: FREE,
      join: "drop_in",
      rhythms: ["fortnightly", "monthly"],
    },
    {
      title: "Digital Buddies, {place}",
      summary: "Regular one-to-one sessions with the same volunteer to build your confidence with technology at your own pace.",
      description: "You are matched with a digital buddy who helps you with whatever you want to learn, week by week. It suits people who find group classes too fast.",
      tags: ["digital skills", "one-to-one", "volunteer"],
      suitableFor: ["adults", "older_people", "no_experience_needed"],
      venues: ["library", "community_centre"],
      startTimes: ["10:00", "13:00"],
      durationMinutes: 60,
      capacity: [6, 10],
      cost: FREE,
      join: "screened",
      rhythms: ["weekly"],
      completionSessions: 6,
      extraAccess: ["quiet_space"],
    },
  ],
  advice: [
    {
      title: "Debt Advice Drop-in, {place}",
      summary: "Free, confidential advice if you are worried about money or debt. Talk to a qualified adviser; no judgement.",
      description: "Our advisers can help you deal with bills, arrears and creditors, and work out a plan you can afford. Bring any letters or statements you have, but do not worry if you cannot find them.",
      tags: ["debt", "money advice", "bills"],
      suitableFor: ["adults", "young_adults", "older_people"],
      venues: ["advice_centre", "library", "community_centre"],
      startTimes: ["10:00", "13:30"],
      durationMinutes: 180,
      capacity: [8, 12],
      cost: FREE,
      join: "drop_in",
      extraAccess: ["quiet_space"],
    },
    {
      title: "Benefits Check Clinic, {place}",
      summary: "Find out if you are getting all the benefits you are entitled to. One-to-one appointments with a welfare rights adviser.",
      description: "Many people miss out on benefits they are entitled to, including Pension Credit, Attendance Allowance and Carer's Allowance. An adviser will check your situation and help you apply.",
      tags: ["benefits", "welfare rights", "money advice"],
      suitableFor: ["adults", "older_people", "carers_welcome"],
      venues: ["advice_centre", "library", "community_centre"],
      startTimes: ["09:30", "13:00"],
      durationMinutes: 180,
      capacity: [6, 10],
      cost: FREE,
      join: "screened",
      extraAccess: ["quiet_space"],
    },
    {
      title: "{place} Employment Support Café",
      summary: "Job search help, interview practice and advice on training, with a coffee. For anyone looking for work or a change.",
      description: "Our employment coaches can help you search for jobs, fill in applications and prepare for interviews. We also link people to free training and volunteering.",
      tags: ["employment", "jobs", "careers", "training"],
      suitableFor: ["adults", "young_adults"],
      venues: ["library", "community_centre", "advice_centre"],
      startTimes: ["10:00", "13:30"],
      durationMinutes: 150,
      capacity: [8, 15],
      cost: FREE,
      join: "drop_in",
    },
    {
      title: "CV Writing Workshop, {place}",
      summary: "Write or refresh your CV in a small, friendly workshop. Leave with a CV you are proud of and tips for applications.",
      description: "An employment adviser takes you through what employers look for and helps you write each section of your CV. Bring any old CV or notes about your work history.",
      tags: ["CV", "employment", "workshop"],
      suitableFor: ["adults", "young_adults", "no_experience_needed"],
      venues: ["library", "community_centre"],
      startTimes: ["10:00", "13:30", "17:30"],
      durationMinutes: 120,
      capacity: [6, 12],
      cost: FREE,
      join: "open",
      rhythms: ["fortnightly", "monthly"],
    },
    {
      title: "Energy Bills Advice, {place}",
      summary: "Help with energy bills, prepayment meters and keeping warm for less. Advisers can apply for grants on your behalf.",
      description: "Our energy advisers help with switching tariffs, meter problems, debts to suppliers and grants for heating or insulation. Bring a recent bill if you can.",
      tags: ["energy", "bills", "fuel poverty", "advice"],
      suitableFor: ["adults", "older_people", "families"],
      venues: ["library", "community_centre", "advice_centre"],
      startTimes: ["10:00", "13:30"],
      durationMinutes: 180,
      capacity: [8, 12],
      cost: FREE,
      join: "drop_in",
      rhythms: ["weekly", "fortnightly"],
      until: "2027-03-31",
    },
    {
      title: "Housing Advice Surgery, {place}",
      summary: "Free advice on renting, repairs, eviction and homelessness from a specialist housing adviser. Appointments and some drop-in slots.",
      description: "Our housing advisers can help if you are struggling with rent, need repairs done or have been told to leave your home. Everything you tell us is confidential.",
      tags: ["housing", "renting", "homelessness", "advice"],
      suitableFor: ["adults", "young_adults", "families"],
      venues: ["advice_centre", "community_centre"],
      startTimes: ["10:00", "14:00"],
      durationMinutes: 180,
      capacity: [6, 10],
      cost: FREE,
      join: "screened",
      extraAccess: ["quiet_space"],
    },
    {
      title: "Form-Filling Help, {place}",
      summary: "Help with PIP, Attendance Allowance, Blue Badge and other forms from trained volunteers. Bring your letters.",
      description: "Long forms can be daunting, especially when they ask about your health. Our volunteers sit with you and help you explain your situation clearly.",
      tags: ["forms", "PIP", "benefits", "advice"],
      suitableFor: ["adults", "older_people", "carers_welcome"],
      venues: ["advice_centre", "library"],
      startTimes: ["10:00", "13:30"],
      durationMinutes: 180,
      capacity: [6, 10],
      cost: FREE,
      join: "screened",
      rhythms: ["weekly", "fortnightly"],
    },
  ],
};

/** Activities without a venue: video calls, and a telephone service. */
const REMOTE_TEMPLATES: readonly (ActivityTemplate & { category: Category })[] = [
  {
    category: "book-clubs",
    title: "{city} Online Book Club",
    summary: "A monthly book club on video call, for anyone who finds it hard to get out. Books can be posted or borrowed as e-books.",
    description: "We meet by video call once a month to talk about the book we have been reading. The library can post you a copy or lend you the e-book or audiobook.",
    tags: ["book group", "online", "reading"],
    suitableFor: ["adults", "older_people"],
    venues: [],
    startTimes: ["19:00", "14:00"],
    durationMinutes: 60,
    capacity: [8, 14],
    cost: FREE,
    join: "open",
    rhythms: ["monthly"],
    remote: "video",
  },
  {
    category: "digital-skills",
    title: "Staying Safe Online: Live Sessions from {city}",
    summary: "Short live online sessions on scams, passwords and safe shopping, with time for your questions.",
    description: "Each session covers one topic, such as scam texts or safe online banking, in plain English. You can ask questions by talking or by typing in the chat.",
    tags: ["online safety", "scams", "online", "digital skills"],
    suitableFor: ["adults", "older_people", "no_experience_needed"],
    venues: [],
    startTimes: ["11:00", "14:00"],
    durationMinutes: 60,
    capacity: [15, 30],
    cost: FREE,
    join: "open",
    rhythms: ["fortnightly", "monthly"],
    remote: "video",
  },
  {
    category: "peer-support",
    title: "Long COVID Peer Support Online ({city})",
    summary: "An online peer group for people with long COVID, so you can take part without using up energy on travel.",
    description: "Meeting online means you can join from your sofa or bed on a bad day. Camera on or off, talking or just listening: whatever works for you.",
    tags: ["long COVID", "fatigue", "peer support", "online"],
    suitableFor: ["adults"],
    venues: [],
    startTimes: ["11:00", "18:30"],
    durationMinutes: 60,
    capacity: [8, 14],
    cost: FREE,
    join: "screened",
    rhythms: ["fortnightly"],
    remote: "video",
  },
  {
    category: "peer-support",
    title: "{city} Carers' Online Café",
    summary: "An evening video call for unpaid carers to share, vent and laugh together, without needing to arrange cover.",
    description: "Caring can make it hard to get to groups, so we bring the group to you. Join for the whole hour or just a few minutes.",
    tags: ["carers", "peer support", "online"],
    suitableFor: ["adults", "carers_welcome"],
    venues: [],
    startTimes: ["19:30", "20:00"],
    durationMinutes: 60,
    capacity: [10, 20],
    cost: FREE,
    join: "open",
    rhythms: ["weekly", "fortnightly"],
    remote: "video",
  },
  {
    category: "advice",
    title: "{city} Benefits Check by Video Call",
    summary: "A one-to-one benefits check with a welfare rights adviser on video call or by phone, from home.",
    description: "An adviser goes through your income and circumstances on a video call and tells you what you could claim. If you cannot use video, we can ring you instead.",
    tags: ["benefits", "welfare rights", "online"],
    suitableFor: ["adults", "older_people", "carers_welcome"],
    venues: [],
    startTimes: ["10:00", "14:00"],
    durationMinutes: 180,
    capacity: [6, 10],
    cost: FREE,
    join: "screened",
    rhythms: ["weekly"],
    remote: "video",
  },
  {
    category: "music",
    title: "Singing for Lung Health Online ({city})",
    summary: "Breathing exercises and gentle singing for people with lung conditions, live on video call from your own home.",
    description: "Our singing leader guides you through breathing exercises and simple songs over video. Your microphone stays muted, so nobody hears you but you.",
    tags: ["singing", "lung health", "COPD", "online"],
    suitableFor: ["adults", "older_people", "no_experience_needed"],
    venues: [],
    startTimes: ["11:00", "14:00"],
    durationMinutes: 45,
    capacity: [15, 30],
    cost: FREE,
    join: "screened",
    rhythms: ["weekly"],
    remote: "video",
  },
  {
    category: "exercise",
    title: "Chair Yoga at Home, Live from {city}",
    summary: "A live chair yoga class on video call: gentle stretches and breathing you can do in your own living room.",
    description: "All you need is a sturdy chair without arms and a little space around it. The instructor can see you if you turn your camera on and will offer adjustments.",
    tags: ["yoga", "chair-based", "online", "gentle exercise"],
    suitableFor: ["adults", "older_people", "no_experience_needed", "wheelchair_users"],
    venues: [],
    startTimes: ["10:00", "11:00"],
    durationMinutes: 45,
    capacity: [15, 30],
    cost: MOSTLY_FREE,
    join: "open",
    rhythms: ["weekly"],
    remote: "video",
  },
  {
    category: "befriending",
    title: "{city} Telephone Befriending",
    summary: "A weekly phone call from a friendly, trained volunteer for people who are lonely or cannot easily leave home.",
    description: "We match you with a volunteer who shares some of your interests, and they ring you at the same time each week for a chat. All our volunteers are trained and checked.",
    tags: ["befriending", "telephone", "loneliness"],
    suitableFor: ["older_people", "adults", "carers_welcome"],
    venues: [],
    startTimes: ["10:00", "14:00"],
    durationMinutes: 30,
    capacity: [20, 30],
    cost: FREE,
    join: "screened",
    rhythms: ["weekly"],
    remote: "phone",
  },
];

// ---------------------------------------------------------------------------
// Organisations

interface ProviderSpec {
  name: string;
  town: TownName;
  description: string;
  /** Categories and their relative weights among the organisation's activities. */
  focus: Partial<Record<Category, number>>;
  activities: number;
  /** How many of those are remote (video or telephone). */
  remote?: number;
  /** Neighbourhoods it works in; all of the town when absent. */
  areas?: readonly string[];
}

/** The first provider belongs to the demo organiser. */
const PROVIDERS: readonly ProviderSpec[] = [
  // Leeds
  {
    name: "Leeds Walking for Health",
    town: "Leeds",
    description: "Free, friendly led walks across Leeds, from short strolls on the flat to Nordic walking. Every walk has a trained volunteer leader.",
    focus: { walking: 1 },
    activities: 12,
  },
  {
    name: "Chapeltown and Harehills Community Garden",
    town: "Leeds",
    description: "A community interest company growing food, skills and friendships on shared plots in north east Leeds.",
    focus: { gardening: 2, volunteering: 1, cooking: 1 },
    activities: 11,
    areas: ["Chapeltown", "Harehills", "Roundhay", "Meanwood", "Seacroft"],
  },
  {
    name: "Hyde Park Arts Collective CIC",
    town: "Leeds",
    description: "Artists and musicians running creative sessions for wellbeing in inner north west Leeds.",
    focus: { "arts-crafts": 2, music: 1 },
    activities: 11,
    areas: ["Headingley", "Hyde Park", "Kirkstall", "Meanwood", "Armley", "Horsforth"],
  },
  {
    name: "Leeds Libraries Community Learning",
    town: "Leeds",
    description: "Leeds City Council's library team: reading groups, digital help and advice sessions in branch libraries.",
    focus: { "digital-skills": 2, "book-clubs": 2, advice: 1 },
    activities: 13,
    remote: 1,
  },
  {
    name: "Active Leeds Communities",
    town: "Leeds",
    description: "The council's community sport and physical activity team, bringing gentle exercise to leisure centres and halls.",
    focus: { exercise: 1 },
    activities: 12,
  },
  {
    name: "Harehills and Chapeltown Churches Together",
    town: "Leeds",
    description: "Local churches working together on lunch clubs, food banks and friendship groups open to all faiths and none.",
    focus: { befriending: 2, volunteering: 1, cooking: 1 },
    activities: 10,
    areas: ["Harehills", "Chapeltown", "Seacroft", "Roundhay"],
  },
  {
    name: "South Leeds Money and Advice",
    town: "Leeds",
    description: "An independent advice charity helping people in south and west Leeds with debt, benefits, housing and work.",
    focus: { advice: 2, "digital-skills": 1 },
    activities: 9,
    remote: 1,
    areas: ["Beeston", "Holbeck", "Armley", "Seacroft"],
  },
  {
    name: "Leeds Peer Support Network",
    town: "Leeds",
    description: "A mental health charity supporting people with lived experience to run peer groups and befriending across Leeds.",
    focus: { "peer-support": 2, befriending: 1 },
    activities: 11,
    remote: 1,
  },
  // Bristol
  {
    name: "Bristol Green Steps",
    town: "Bristol",
    description: "A small charity getting people outdoors in Bristol's parks and green spaces through walks and practical conservation.",
    focus: { walking: 1, gardening: 1 },
    activities: 11,
  },
  {
    name: "Easton Community Kitchen CIC",
    town: "Bristol",
    description: "Cooking, eating and volunteering together in east Bristol, with a pay-as-you-feel café at its heart.",
    focus: { cooking: 2, befriending: 1, volunteering: 1 },
    activities: 10,
    areas: ["Easton", "St Pauls", "Fishponds", "Lockleaze"],
  },
  {
    name: "Bedminster Arts and Wellbeing",
    town: "Bristol",
    description: "A charity offering arts, crafts and reading groups for wellbeing in south Bristol.",
    focus: { "arts-crafts": 2, "book-clubs": 1 },
    activities: 10,
    areas: ["Bedminster", "Knowle", "Hartcliffe", "Hengrove", "Clifton"],
  },
  {
    name: "Southmead and Lockleaze Neighbourhood Trust",
    town: "Bristol",
    description: "A community-led trust running gardens, volunteering, exercise classes and social groups in north Bristol.",
    focus: { gardening: 1, volunteering: 1, exercise: 1, befriending: 1 },
    activities: 11,
    areas: ["Southmead", "Lockleaze", "Bishopston", "Shirehampton"],
  },
  {
    name: "Bristol Libraries Digital Inclusion Team",
    town: "Bristol",
    description: "Bristol City Council's library service, helping people get online and enjoy reading.",
    focus: { "digital-skills": 2, "book-clubs": 1 },
    activities: 10,
    remote: 1,
  },
  {
    name: "St Pauls Advice and Learning Centre",
    town: "Bristol",
    description: "Free, independent advice on money, benefits, housing and work, plus peer support groups, since 1986.",
    focus: { advice: 2, "peer-support": 1 },
    activities: 10,
    remote: 1,
    areas: ["St Pauls", "Easton", "Knowle", "Hartcliffe", "Hengrove"],
  },
  {
    name: "Avon Voices",
    town: "Bristol",
    description: "A singing-for-health charity running community choirs, lung health singing and music groups across Bristol.",
    focus: { music: 1 },
    activities: 9,
    remote: 1,
  },
  {
    name: "Bristol Befriending Circle",
    town: "Bristol",
    description: "Volunteers tackling loneliness through befriending, coffee mornings, memory cafés and carers' groups.",
    focus: { befriending: 2, "peer-support": 1 },
    activities: 10,
    remote: 1,
  },
  {
    name: "Bristol Active Ageing Trust",
    town: "Bristol",
    description: "A leisure trust helping older people stay strong, steady and active with classes in every part of the city.",
    focus: { exercise: 1 },
    activities: 10,
  },
  // Manchester
  {
    name: "Manchester Moves Together",
    town: "Manchester",
    description: "A leisure trust partnership bringing gentle exercise and led walks to Manchester's parks and community venues.",
    focus: { exercise: 2, walking: 1 },
    activities: 12,
    remote: 1,
  },
  {
    name: "Levenshulme and Gorton Allotment Society",
    town: "Manchester",
    description: "Allotment holders sharing plots, skills and surplus produce with neighbours in south east Manchester.",
    focus: { gardening: 1 },
    activities: 8,
    areas: ["Levenshulme", "Gorton", "Longsight", "Didsbury"],
  },
  {
    name: "Chorlton Makers CIC",
    town: "Manchester",
    description: "A social enterprise running craft, making and music sessions in south Manchester.",
    focus: { "arts-crafts": 2, music: 1 },
    activities: 10,
    areas: ["Chorlton", "Didsbury", "Hulme", "Ancoats", "Rusholme"],
  },
  {
    name: "North Manchester Community Action",
    town: "Manchester",
    description: "A volunteer-led charity running men's sheds, volunteering roles and friendship groups in north Manchester.",
    focus: { volunteering: 1, "peer-support": 1, befriending: 1 },
    activities: 10,
    areas: ["Harpurhey", "Cheetham Hill", "Ancoats", "Gorton"],
  },
  {
    name: "Manchester Libraries Get Online",
    town: "Manchester",
    description: "Manchester City Council's libraries: free digital help, computer courses and reading groups.",
    focus: { "digital-skills": 2, "book-clubs": 1 },
    activities: 10,
    remote: 1,
  },
  {
    name: "Longsight and Moss Side Advice Centre",
    town: "Manchester",
    description: "Free advice on benefits, debt, housing and employment for people in central and south Manchester.",
    focus: { advice: 1 },
    activities: 9,
    areas: ["Longsight", "Moss Side", "Rusholme", "Hulme", "Levenshulme", "Gorton"],
  },
  {
    name: "Didsbury Friendship and Lunch Club",
    town: "Manchester",
    description: "Volunteers serving hot lunches and friendship to older people in south Manchester for over forty years.",
    focus: { befriending: 2, cooking: 1 },
    activities: 9,
    areas: ["Didsbury", "Chorlton", "Wythenshawe", "Levenshulme"],
  },
  {
    name: "Moss Side Community Singers",
    town: "Manchester",
    description: "Community choirs, drumming and music groups that bring neighbours together in south central Manchester.",
    focus: { music: 1 },
    activities: 8,
    areas: ["Moss Side", "Hulme", "Rusholme", "Longsight", "Chorlton"],
  },
  {
    name: "Manchester Wellbeing Peer Network",
    town: "Manchester",
    description: "Peer-led support groups for people living with long-term conditions, bereavement and poor mental health.",
    focus: { "peer-support": 1 },
    activities: 9,
    remote: 1,
  },
  // Norwich
  {
    name: "Norwich Health Walks",
    town: "Norwich",
    description: "Volunteer-led health walks in Norwich's parks, heaths and riverside paths, for every pace.",
    focus: { walking: 1 },
    activities: 10,
  },
  {
    name: "Earlham Community Growers",
    town: "Norwich",
    description: "A growing project in west Norwich with allotments, an orchard, cooking sessions and volunteering.",
    focus: { gardening: 2, cooking: 1, volunteering: 1 },
    activities: 10,
    areas: ["Earlham", "Bowthorpe", "Eaton", "Heigham"],
  },
  {
    name: "Norwich Craft and Chat CIC",
    town: "Norwich",
    description: "A community interest company using crafts and company to tackle loneliness across Norwich.",
    focus: { "arts-crafts": 2, befriending: 1 },
    activities: 10,
  },
  {
    name: "Norfolk Active Lives",
    town: "Norwich",
    description: "A leisure trust running swimming, strength and balance and gentle exercise across Norwich.",
    focus: { exercise: 1 },
    activities: 10,
    remote: 1,
  },
  {
    name: "Norwich Reading and Writing Circles",
    town: "Norwich",
    description: "Volunteers running shared reading, book groups and creative writing in Norwich, the UNESCO City of Literature.",
    focus: { "book-clubs": 2, "arts-crafts": 1 },
    activities: 8,
    remote: 1,
  },
  {
    name: "Mile Cross Advice and Digital Hub",
    town: "Norwich",
    description: "Advice on money, benefits and housing, and help getting online, for north Norwich.",
    focus: { advice: 1, "digital-skills": 1 },
    activities: 10,
    areas: ["Mile Cross", "Wensum", "Old Catton", "Sprowston", "Heartsease"],
  },
  {
    name: "Norwich Carers Connect",
    town: "Norwich",
    description: "Support, peer groups and befriending for unpaid carers and the people they look after.",
    focus: { "peer-support": 2, befriending: 1 },
    activities: 9,
    remote: 1,
  },
  {
    name: "Lakenham Community Church Projects",
    town: "Norwich",
    description: "A local church running coffee mornings, a food bank, community meals and a choir for the whole neighbourhood.",
    focus: { befriending: 2, cooking: 1, volunteering: 1, music: 1 },
    activities: 9,
    areas: ["Lakenham", "Eaton", "Thorpe Hamlet", "Heigham"],
  },
];

interface ReferrerSpec {
  name: string;
  town: TownName;
  description: string;
}

/** The first referrer belongs to the demo referrer. */
const REFERRERS: readonly ReferrerSpec[] = [
  {
    name: "Leeds North West Social Prescribing Team",
    town: "Leeds",
    description: "Link workers and GPs in the primary care network covering Headingley, Kirkstall and Meanwood.",
  },
  {
    name: "Bedminster and Southville GP Partnership",
    town: "Bristol",
    description: "A GP partnership in south Bristol with a social prescribing link worker and a care coordinator.",
  },
  {
    name: "Central Manchester Community Link Workers",
    town: "Manchester",
    description: "Community link workers helping patients of central Manchester practices find local support.",
  },
  {
    name: "Norwich City Social Prescribing Service",
    town: "Norwich",
    description: "Social prescribers working with every GP practice in Norwich to connect people with their community.",
  },
];

interface FixedPerson {
  email: string;
  name: string;
  isAdmin: boolean;
  /** Sees the area-wide reports (a commissioner at the ICB or council). */
  isCommissioner?: boolean;
  /** Role in the first provider or first referrer organisation, if any. */
  membership?: { org: "first_provider" | "first_referrer"; role: "owner" | "member" };
}

const FIXED_PEOPLE: readonly FixedPerson[] = [
  { email: "organiser@linkway.test", name: "Sam Taylor", isAdmin: false, membership: { org: "first_provider", role: "owner" } },
  { email: "volunteer@linkway.test", name: "Tom Hughes", isAdmin: false, membership: { org: "first_provider", role: "member" } },
  { email: "referrer@linkway.test", name: "Jo Bennett", isAdmin: false, membership: { org: "first_referrer", role: "owner" } },
  { email: "gp@linkway.test", name: "Dr Amara Okafor", isAdmin: false, membership: { org: "first_referrer", role: "member" } },
  { email: "admin@linkway.test", name: "Alex Morgan", isAdmin: true },
  { email: "commissioner@linkway.test", name: "Priya Shah", isAdmin: false, isCommissioner: true },
];

export const demoAccounts: readonly DemoAccount[] = [
  { role: "Organiser", email: "organiser@linkway.test", password: demoPassword },
  { role: "Referrer", email: "referrer@linkway.test", password: demoPassword },
  { role: "Admin", email: "admin@linkway.test", password: demoPassword },
  { role: "Organiser (volunteer member)", email: "volunteer@linkway.test", password: demoPassword },
  { role: "Referrer (GP)", email: "gp@linkway.test", password: demoPassword },
  { role: "Commissioner", email: "commissioner@linkway.test", password: demoPassword },
];

const FIRST_NAMES: readonly string[] = [
  "Aisha", "Ben", "Chloe", "Daniel", "Ella", "Farah", "George", "Hannah", "Imran", "Jess",
  "Kwame", "Laura", "Mohammed", "Niamh", "Oliver", "Priya", "Rachel", "Sanjay", "Tara", "Usman",
  "Vicky", "Wei", "Yasmin", "Zainab", "Gareth", "Siobhan", "Marek", "Agnieszka", "Deborah", "Kofi",
  "Fatima", "Liam", "Sophie", "Joanne", "Ravi", "Helen", "Martin", "Amira", "Callum", "Grace",
];

const LAST_NAMES: readonly string[] = [
  "Ahmed", "Begum", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hussain", "Iqbal", "Jones",
  "Khan", "Lewis", "Mensah", "Nowak", "O'Brien", "Patel", "Quinn", "Robinson", "Shah", "Taylor",
  "Walker", "Wright", "Young", "Chen", "Kowalski", "Singh", "Brown", "Murphy", "Hall", "Adeyemi",
];

const REFERRAL_OFFERS: readonly string[] = [
  "First month free when referred",
  "£2 a session for referred people",
  "First session free",
  "First four weeks free when referred",
  "Half price for referred people",
];

const DONATION_DETAILS: readonly string[] = [
  "Donations welcome",
  "Pay what you can, suggested £2",
  "Donations towards tea and biscuits welcome",
  "Pay what you can; nobody is turned away",
];

const PAID_DETAILS: readonly string[] = [
  "{price} a session, pay on the day",
  "{price} a session; concessions available",
  "{price} a session, including tea and coffee",
];

const FUNDERS: readonly string[] = [
  "the National Lottery Community Fund",
  "{city} City Council",
  "the local NHS",
  "Sport England",
];

const UNTIL_DATES: readonly string[] = ["2027-03-26", "2027-06-30", "2027-07-16", "2027-12-17"];

const NICE_CAPACITIES: readonly number[] = [6, 8, 10, 12, 14, 15, 16, 18, 20, 24, 25, 30];

/** When activities were published: in August 2026, before the first sessions. */
const PUBLISHED_FROM = Date.UTC(2026, 7, 3, 9, 0);
/** First sessions fall between 1 September and 30 November 2026. */
const FIRST_START = Date.UTC(2026, 8, 1);
const START_WINDOW_DAYS = 56;

const DRAFTS = 7;
const ARCHIVED = 3;

// ---------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for demo data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)];
  }

  /** A key chosen with probability proportional to its weight. */
  weighted<K extends string>(weights: Partial<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /** A UUID-v4-shaped id from 128 pseudo-random bits. */
  uuid(): string {
    const hex = Array.from({ length: 4 }, () =>
      Math.floor(this.next() * 4294967296)
        .toString(16)
        .padStart(8, "0"),
    ).join("");
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

// ---------------------------------------------------------------------------
// Small helpers

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function inOrder<T>(order: readonly T[], items: Iterable<T>): T[] {
  const set = new Set(items);
  return order.filter((item) => set.has(item));
}

function pounds(pence: number): string {
  return pence % 100 === 0 ? `£${pence / 100}` : `£${(pence / 100).toFixed(2)}`;
}

function round(value: number, places: number): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}

/** A point up to `maxMetres` from the centre, uniformly over the disc. */
function jitter(rng: Random, lat: number, lng: number, maxMetres: number): { lat: number; lng: number } {
  const distance = maxMetres * Math.sqrt(rng.float());
  const bearing = rng.float() * 2 * Math.PI;
  const dLat = (distance * Math.cos(bearing)) / 111_320;
  const dLng = (distance * Math.sin(bearing)) / (111_320 * Math.cos((lat * Math.PI) / 180));
  return { lat: round(lat + dLat, 5), lng: round(lng + dLng, 5) };
}

function postcode(rng: Random, outward: string): string {
  return `${outward} ${rng.int(0, 9)}${rng.pick([...INWARD_LETTERS])}${rng.pick([...INWARD_LETTERS])}`;
}

function phone(rng: Random, town: Town): string {
  return `${town.phonePrefix}${String(rng.int(0, 999)).padStart(3, "0")}`;
}

function mobile(rng: Random): string {
  return `07700 900${String(rng.int(0, 999)).padStart(3, "0")}`;
}

function personName(rng: Random): { first: string; last: string } {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
}

// ---------------------------------------------------------------------------
// Dates and recurrence

const DAY_MS = 86_400_000;
/** JavaScript's getUTCDay() order. */
const JS_WEEKDAYS: readonly Weekday[] = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function onOrAfter(ms: number, day: Weekday): number {
  const shift = (JS_WEEKDAYS.indexOf(day) - new Date(ms).getUTCDay() + 7) % 7;
  return ms + shift * DAY_MS;
}

/** The nth (1–4) or last (-1) `day` of a month. */
function nthWeekday(year: number, month: number, day: Weekday, nth: number): number {
  if (nth > 0) return onOrAfter(Date.UTC(year, month, 1), day) + (nth - 1) * 7 * DAY_MS;
  const lastOfMonth = Date.UTC(year, month + 1, 0);
  const back = (new Date(lastOfMonth).getUTCDay() - JS_WEEKDAYS.indexOf(day) + 7) % 7;
  return lastOfMonth - back * DAY_MS;
}

interface Recurrence {
  rrule: string;
  startsOn: string;
}

function recurrence(rhythm: Rhythm, day: Weekday, nth: number, from: number): Recurrence {
  if (rhythm === "monthly") {
    const d = new Date(from);
    let first = nthWeekday(d.getUTCFullYear(), d.getUTCMonth(), day, nth);
    if (first < from) first = nthWeekday(d.getUTCFullYear(), d.getUTCMonth() + 1, day, nth);
    return { rrule: `FREQ=MONTHLY;BYDAY=${nth}${day}`, startsOn: isoDate(first) };
  }
  const interval = rhythm === "fortnightly" ? "INTERVAL=2;" : "";
  return { rrule: `FREQ=WEEKLY;${interval}BYDAY=${day}`, startsOn: isoDate(onOrAfter(from, day)) };
}

/** A second weekday at least two days from the first, for classes that run twice a week. */
function partnerDay(rng: Random, day: Weekday, days: readonly Weekday[]): Weekday | null {
  const index = (d: Weekday) => JS_WEEKDAYS.indexOf(d);
  const options = days.filter((d) => Math.abs(index(d) - index(day)) >= 2);
  return options.length > 0 ? rng.pick(options) : null;
}

// ---------------------------------------------------------------------------
// Venues

interface Venue {
  name: string;
  address: string;
  postcode: string;
  lat: number;
  lng: number;
  access: Access[];
}

/** One venue per neighbourhood and kind, so activities share real-feeling places. */
class VenueBook {
  private readonly venues = new Map<string, Venue>();

  constructor(private readonly rng: Random) {}

  get(hood: Neighbourhood, kind: VenueKind): Venue {
    const key = `${hood.name}|${kind}`;
    let venue = this.venues.get(key);
    if (!venue) {
      venue = this.create(hood, kind);
      this.venues.set(key, venue);
    }
    return venue;
  }

  private create(hood: Neighbourhood, kind: VenueKind): Venue {
    const { rng } = this;
    const spec = VENUE_KINDS[kind];
    const street = rng.pick(hood.streets);
    const values = { place: hood.name, park: hood.park, street, saint: rng.pick(SAINTS) };
    const address =
      spec.address === "entrance"
        ? fill(rng.pick(ENTRANCES), values)
        : spec.address === "off_street"
          ? `Off ${street}`
          : `${rng.int(1, 240)} ${street}`;
    const point = jitter(rng, hood.lat, hood.lng, 450);
    const access = [...spec.access, ...spec.sometimes.filter(() => rng.chance(0.5))];
    return {
      name: fill(rng.pick(spec.names), values),
      address,
      postcode: postcode(rng, hood.outward),
      ...point,
      access: inOrder(ACCESS_ORDER, access),
    };
  }
}

// ---------------------------------------------------------------------------
// Organisations and people

interface ProviderContext {
  spec: ProviderSpec;
  org: DemoOrganisation;
  town: Town;
  /** Who may be named as an activity's contact. */
  contacts: { name: string; email: string }[];
  ownerId: string;
}

function townNamed(name: TownName): Town {
  const town = TOWNS.find((t) => t.name === name);
  if (!town) throw new Error(`Unknown town ${name}`);
  return town;
}

/** Organisations, their people and memberships, built up in order. */
class Directory {
  readonly organisations: DemoOrganisation[] = [];
  readonly users: DemoUser[];
  readonly memberships: DemoMembership[] = [];
  private readonly takenEmails = new Set<string>();

  constructor(
    private readonly rng: Random,
    private readonly ids: Random,
  ) {
    this.users = FIXED_PEOPLE.map((p) => ({ ...this.addUser(p.email, p.name, p.isAdmin), ...(p.isCommissioner ? { isCommissioner: true } : {}) }));
  }

  /**
   * An organisation with its people: the fixed demo people who belong to
   * `fixedGroup`, or else one new owner with an email on its `.test` domain.
   */
  add(
    kind: DemoOrganisation["kind"],
    spec: { name: string; town: TownName; description: string },
    fixedGroup: "first_provider" | "first_referrer" | null,
  ): { org: DemoOrganisation; people: DemoUser[] } {
    const slug = slugify(spec.name);
    const org: DemoOrganisation = {
      id: this.ids.uuid(),
      kind,
      name: spec.name,
      description: spec.description,
      website: `https://${slug}.example.org`,
      email: `hello@${slug}.test`,
      phone: phone(this.rng, townNamed(spec.town)),
      town: spec.town,
    };
    this.organisations.push(org);

    // this.users starts with FIXED_PEOPLE, in the same order.
    const fixed = FIXED_PEOPLE.flatMap((p, i) =>
      p.membership && p.membership.org === fixedGroup ? [{ user: this.users[i], role: p.membership.role }] : [],
    );
    const members = fixed.length > 0 ? fixed : [{ user: this.newOwner(slug), role: "owner" as const }];
    for (const { user, role } of members) this.memberships.push({ organisationId: org.id, userId: user.id, role });
    return { org, people: members.map((m) => m.user) };
  }

  private newOwner(slug: string): DemoUser {
    for (;;) {
      const { first, last } = personName(this.rng);
      const email = `${slugify(first)}.${slugify(last)}@${slug}.test`;
      if (this.takenEmails.has(email)) continue;
      const user = this.addUser(email, `${first} ${last}`, false);
      this.users.push(user);
      return user;
    }
  }

  private addUser(email: string, name: string, isAdmin: boolean): DemoUser {
    this.takenEmails.add(email);
    return { id: this.ids.uuid(), email, name, isAdmin };
  }
}

// ---------------------------------------------------------------------------
// Activities

/** Spread an organisation's activities across its categories in proportion to their weights. */
function categoryPlan(focus: Partial<Record<Category, number>>, count: number): Category[] {
  const entries = Object.entries(focus) as [Category, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  const assigned = new Map<Category, number>();
  const plan: Category[] = [];
  for (let i = 1; i <= count; i++) {
    let best = entries[0][0];
    let bestGap = -Infinity;
    for (const [category, weight] of entries) {
      const gap = (weight * i) / total - (assigned.get(category) ?? 0);
      if (gap > bestGap + 1e-9) {
        best = category;
        bestGap = gap;
      }
    }
    plan.push(best);
    assigned.set(best, (assigned.get(best) ?? 0) + 1);
  }
  return plan;
}

interface Placement {
  hood: Neighbourhood | null;
  venue: Venue | null;
}

interface Cost {
  costType: DemoActivity["costType"];
  costPence: number | null;
  costDetails: string | null;
  referralOffer: string | null;
}

function chooseCost(rng: Random, rule: CostRule, city: string): Cost {
  const kind = rng.weighted({ free: rule.free ?? 0, pay_what_you_can: rule.pwyc ?? 0, paid: rule.paid ?? 0 });
  if (kind === "paid") {
    const [min, max] = rule.price ?? [300, 500];
    const pence = rng.int(min / 50, max / 50) * 50;
    return {
      costType: "paid",
      costPence: pence,
      costDetails: fill(rule.paidDetails ?? rng.pick(PAID_DETAILS), { price: pounds(pence) }),
      referralOffer: rng.chance(0.45) ? rng.pick(REFERRAL_OFFERS) : null,
    };
  }
  if (kind === "pay_what_you_can") {
    return { costType: "pay_what_you_can", costPence: null, costDetails: rng.pick(DONATION_DETAILS), referralOffer: null };
  }
  const funded = rng.chance(0.2) ? `Free, thanks to funding from ${fill(rng.pick(FUNDERS), { city })}` : null;
  return { costType: "free", costPence: null, costDetails: funded, referralOffer: null };
}

interface Joining {
  selfReferral: boolean;
  dropIn: boolean;
  requiresScreening: boolean;
}

const JOIN_ODDS: Record<JoinStyle, { selfReferral: number; dropIn: number; requiresScreening: number }> = {
  drop_in: { selfReferral: 1, dropIn: 0.9, requiresScreening: 0 },
  open: { selfReferral: 0.9, dropIn: 0.15, requiresScreening: 0.05 },
  screened: { selfReferral: 0.4, dropIn: 0, requiresScreening: 0.9 },
};

function chooseJoining(rng: Random, template: ActivityTemplate): Joining {
  const odds = JOIN_ODDS[template.join];
  const requiresScreening = rng.chance(odds.requiresScreening);
  const dropIn = !requiresScreening && !template.remote && !template.completionSessions && rng.chance(odds.dropIn);
  const selfReferral = dropIn || rng.chance(odds.selfReferral);
  return { selfReferral, dropIn, requiresScreening };
}

function joiningSentence(joining: Joining, template: ActivityTemplate): string {
  if (template.remote === "video") return "You will get the link to join once your place is booked.";
  if (joining.requiresScreening) return "Before your first session we have a short, friendly chat to make sure the group is right for you.";
  if (joining.dropIn) return "Just turn up: there is no need to book.";
  return "Please book a place so we know to expect you.";
}

function chooseAccessibility(rng: Random, template: ActivityTemplate, venue: Venue | null): Access[] {
  const features = new Set<Access>(venue?.access ?? []);
  for (const extra of template.extraAccess ?? []) features.add(extra);
  if (venue && rng.chance(0.05)) features.add("bsl");
  return inOrder(ACCESS_ORDER, features);
}

function chooseSuitability(rng: Random, template: ActivityTemplate, access: Access[]): Suitability[] {
  const keys = new Set<Suitability>(template.suitableFor);
  const singleSex = keys.has("women_only") || keys.has("men_only");
  if (!singleSex && rng.chance(0.2)) keys.add("carers_welcome");
  const wheelchairFriendly = access.includes("step_free") && access.includes("accessible_toilet");
  if (wheelchairFriendly && !template.physical && rng.chance(0.5)) keys.add("wheelchair_users");
  return inOrder(SUITABILITY_ORDER, keys);
}

function chooseCapacity(rng: Random, [min, max]: readonly [number, number]): number {
  const nice = NICE_CAPACITIES.filter((c) => c >= min && c <= max);
  return nice.length > 0 ? rng.pick(nice) : rng.int(min, max);
}

function buildSchedules(rng: Random, ids: Random, template: ActivityTemplate, activityId: string): DemoSchedule[] {
  const rhythm = rng.pick(template.rhythms ?? DEFAULT_RHYTHMS);
  const days = template.days ?? WEEKDAYS_ONLY;
  const day = rng.pick(days);
  const nth = rng.pick([1, 1, 2, 3, 4, -1]);
  const from = FIRST_START + rng.int(0, START_WINDOW_DAYS) * DAY_MS;
  const startTime = rng.pick(template.startTimes);
  const until = template.until ?? (!template.completionSessions && rng.chance(0.06) ? rng.pick(UNTIL_DATES) : null);
  const second = template.twiceWeekly && rhythm === "weekly" && rng.chance(0.35) ? partnerDay(rng, day, days) : null;
  return [day, second]
    .filter((d): d is Weekday => d !== null)
    .map((d) => ({
      id: ids.uuid(),
      activityId,
      ...recurrence(rhythm, d, nth, from),
      startTime,
      durationMinutes: template.durationMinutes,
      timezone: TIMEZONE,
      until,
    }));
}

interface Built {
  activity: DemoActivity;
  schedules: DemoSchedule[];
}

function buildActivity(
  rng: Random,
  ids: Random,
  provider: ProviderContext,
  template: ActivityTemplate,
  category: Category,
  title: string,
  place: Placement,
): Built {
  const id = ids.uuid();
  const city = provider.town.name;
  const { hood, venue } = place;
  const values = { place: hood?.name ?? city, park: hood?.park ?? city, venue: venue?.name ?? "", city };
  const joining = chooseJoining(rng, template);
  const accessibility = chooseAccessibility(rng, template, venue);
  const contact = rng.pick(provider.contacts);
  const onlineUrl = template.remote === "video" ? `https://meet.example.org/${slugify(title)}-${ids.uuid().slice(0, 8)}` : null;
  const publishedAt = new Date(PUBLISHED_FROM + rng.int(0, 27) * DAY_MS + rng.int(0, 7) * 3_600_000);

  const activity: DemoActivity = {
    id,
    organisationId: provider.org.id,
    status: "published",
    title,
    summary: fill(template.summary, values),
    description: `${fill(template.description, values)} ${joiningSentence(joining, template)}`,
    category,
    tags: [...template.tags],
    suitableFor: chooseSuitability(rng, template, accessibility),
    ...chooseCost(rng, template.cost, city),
    accessibility,
    ...joining,
    capacity: chooseCapacity(rng, template.capacity),
    completionSessions: template.completionSessions ?? null,
    contactName: contact.name,
    contactEmail: contact.email,
    contactPhone: rng.chance(0.15) ? mobile(rng) : rng.chance(0.85) ? provider.org.phone : null,
    online: template.remote !== undefined,
    onlineUrl,
    venueName: venue?.name ?? null,
    address: venue?.address ?? null,
    town: venue ? city : null,
    postcode: venue?.postcode ?? null,
    lat: venue?.lat ?? null,
    lng: venue?.lng ?? null,
    timezone: TIMEZONE,
    createdBy: provider.ownerId,
    publishedAt,
  };
  return { activity, schedules: buildSchedules(rng, ids, template, id) };
}

/** Templates the organisation has used least, so its listings vary. */
function freshestTemplates<T extends ActivityTemplate>(templates: readonly T[], used: Map<string, number>): T[] {
  const fewest = Math.min(...templates.map((t) => used.get(t.title) ?? 0));
  return templates.filter((t) => (used.get(t.title) ?? 0) === fewest);
}

function providerActivities(rng: Random, ids: Random, venues: VenueBook, provider: ProviderContext, titles: Set<string>): Built[] {
  const { spec, town } = provider;
  const hoods = spec.areas ? town.neighbourhoods.filter((h) => spec.areas?.includes(h.name)) : town.neighbourhoods;
  const remoteCount = spec.remote ?? 0;
  const used = new Map<string, number>();
  const built: Built[] = [];

  const remoteTemplates = REMOTE_TEMPLATES.filter((t) => spec.focus[t.category] !== undefined);
  for (let i = 0; i < remoteCount; i++) {
    const template = rng.pick(freshestTemplates(remoteTemplates, used));
    const title = fill(template.title, { city: town.name });
    if (titles.has(title)) continue;
    titles.add(title);
    used.set(template.title, (used.get(template.title) ?? 0) + 1);
    built.push(buildActivity(rng, ids, provider, template, template.category, title, { hood: null, venue: null }));
  }

  for (const category of categoryPlan(spec.focus, spec.activities - built.length)) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const template = rng.pick(attempt < 10 ? freshestTemplates(TEMPLATES[category], used) : TEMPLATES[category]);
      const hood = rng.pick(hoods);
      const title = fill(template.title, { place: hood.name, park: hood.park, city: town.name });
      if (titles.has(title)) continue;
      titles.add(title);
      used.set(template.title, (used.get(template.title) ?? 0) + 1);
      const venue = venues.get(hood, rng.pick(template.venues));
      built.push(buildActivity(rng, ids, provider, template, category, title, { hood, venue }));
      break;
    }
  }
  return built;
}

/** A few drafts and archived listings, including one of each for the demo organiser. */
function assignStatuses(rng: Random, activities: DemoActivity[], firstProviderId: string): void {
  const own = activities.filter((a) => a.organisationId === firstProviderId && !a.online);
  const others = activities.filter((a) => a.organisationId !== firstProviderId && !a.online);
  const drafts = [own[own.length - 1]];
  const archived = [own[own.length - 2]];
  const pool = [...others];
  const take = () => pool.splice(rng.int(0, pool.length - 1), 1)[0];
  while (drafts.length < DRAFTS) drafts.push(take());
  while (archived.length < ARCHIVED) archived.push(take());
  for (const activity of drafts) {
    activity.status = "draft";
    activity.publishedAt = null;
  }
  for (const activity of archived) activity.status = "archived";
}

/**
 * The demo organiser's screened walk also takes requests from people
 * themselves (a short chat first), so their inbox can show a self-referral
 * waiting for an answer (see demo-referrals.ts).
 */
function welcomeRequestsToScreenedWalk(activities: DemoActivity[], firstProviderId: string): void {
  const screened = activities.find((a) => a.organisationId === firstProviderId && a.status === "published" && a.requiresScreening);
  if (!screened) throw new Error("The demo organiser needs a published activity that screens people");
  screened.selfReferral = true;
}

/** Ids for demo rows made later through the app (e.g. a referral form's request id), the same on every run. */
export function demoIds(seed: number): () => string {
  const ids = new Random(seed);
  return () => ids.uuid();
}

// ---------------------------------------------------------------------------
// Entry point

export function generateDemoData(seed = DEMO_SEED): DemoData {
  const rng = new Random(seed);
  const ids = new Random(seed ^ 0x5bd1e995);
  const directory = new Directory(rng, ids);

  const providers: ProviderContext[] = PROVIDERS.map((spec, index) => {
    const { org, people } = directory.add("provider", spec, index === 0 ? "first_provider" : null);
    const contacts = people.flatMap((p) => [
      { name: p.name, email: p.email },
      { name: p.name, email: org.email },
    ]);
    return { spec, org, town: townNamed(spec.town), contacts, ownerId: people[0].id };
  });
  REFERRERS.forEach((spec, index) => directory.add("referrer", spec, index === 0 ? "first_referrer" : null));

  const venues = new VenueBook(rng);
  const titles = new Set<string>();
  const built = providers.flatMap((provider) => providerActivities(rng, ids, venues, provider, titles));
  const activities = built.map((b) => b.activity);
  assignStatuses(rng, activities, providers[0].org.id);
  welcomeRequestsToScreenedWalk(activities, providers[0].org.id);

  return {
    organisations: directory.organisations,
    users: directory.users,
    memberships: directory.memberships,
    activities,
    schedules: built.flatMap((b) => b.schedules),
  };
}
