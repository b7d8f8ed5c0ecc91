import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], {
    error: "expected true or false",
  })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const bbox = z
  .string()
  .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, {
    error: "expected four numbers: minLng,minLat,maxLng,maxLat",
  })
  .transform((v) => {
    const [minLng, minLat, maxLng, maxLat] = v.split(",").map(Number);
    return { minLng, minLat, maxLng, maxLat };
  })
  .refine((b) => b.minLng < b.maxLng && b.minLat < b.maxLat, {
    error: "the minimums must be below the maximums",
  });

/**
 * Express's `trust proxy`: which hops may say who the client is through
 * X-Forwarded-For. Trusting a header no proxy of ours wrote would let anyone
 * pick their own address and walk past per-address rate limits.
 */
const trustProxy = z
  .string()
  .regex(/^(false|true|\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, {
    error: "expected false, a number of proxies (1), or addresses/subnets such as loopback, 10.0.0.0/8",
  })
  .transform((v): boolean | number | string => (v === "false" ? false : v === "true" ? true : /^\d+$/.test(v) ? Number(v) : v));

const positiveInt = z.coerce.number({ error: "expected a whole number" }).int().positive();

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number({ error: "expected a port number" }).int().min(1).max(65535).default(3000),
  /** The address to listen on; unset: this computer only, unless PUBLIC_URL is a public address (see dev-tools.server.ts). */
  HOST: z.string().trim().min(1, { error: "expected an address such as 127.0.0.1 or 0.0.0.0" }).optional(),
  /** The address people reach the site at; used in emailed links. */
  PUBLIC_URL: z.url({ error: "expected a full URL such as https://linkway.example.org" }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: "expected a postgres:// URL" })
    .optional(),
  /** A read replica of DATABASE_URL for reads that may lag (search, reports, public pages); see decision 101. */
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: "expected a postgres:// URL" })
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  /** Proxies in front of the site allowed to name the client's address (none by default). */
  TRUST_PROXY: trustProxy.default(false),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TILE_URL: z
    .string()
    .regex(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, {
      error: "expected a tile URL template with {z}, {x} and {y}",
    })
    .default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  TILE_ATTRIBUTION: z
    .string()
    .default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'),
  /** Allowed area for places, minLng,minLat,maxLng,maxLat (default: the United Kingdom). */
  GEO_BOUNDS: bbox.prefault("-8.7,49.8,1.8,60.9"),
  GEOCODER_URL: z.url({ error: "expected a URL" }).optional(),
  /** Optional CSV of postcode,lat,lng (e.g. ONS Postcode Directory) for exact postcode lookups. */
  POSTCODES_FILE: z.string().optional(),
  MEILI_URL: z.url({ error: "expected a URL such as http://127.0.0.1:7700" }).optional(),
  MEILI_KEY: z.string().optional(),
  MEILI_INDEX: z.string().default("activities"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { error: "expected an smtp:// or smtps:// URL" })
    .optional(),
  MAIL_FROM: z.string().default("Linkway <no-reply@linkway.test>"),
  /** Compress pages and JSON in this process; turn off when a reverse proxy in front compresses them. */
  COMPRESS_RESPONSES: booleanFlag.default(true),
  /** GOV.UK Notify: an API key and a text template whose whole content is ((body)). Texts go through Notify when both are set. */
  NOTIFY_API_KEY: z.string().min(74, { error: "expected a GOV.UK Notify API key (name-serviceid-secret)" }).optional(),
  NOTIFY_SMS_TEMPLATE_ID: z.uuid({ error: "expected the id of a Notify text template whose content is ((body))" }).optional(),
  /** Notify's address (default: Notify's own API); for a test double. */
  NOTIFY_BASE_URL: z.url({ error: "expected a URL" }).optional(),
  /** A generic SMS gateway: texts are POSTed as JSON { to, body, reference } with an Idempotency-Key header. */
  SMS_HTTP_URL: z.url({ error: "expected a URL" }).optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  /** The bearer token the SMS provider sends with delivery receipts and replies (/api/texts/status, /api/texts/inbound). */
  TEXT_CALLBACK_TOKEN: z.string().min(16, { error: "expected at least 16 characters" }).optional(),
  /** Run the background worker inside the web process. */
  RUN_WORKER: booleanFlag.default(true),
  /** Load demo data into an empty database on start. */
  SEED_DEMO: booleanFlag.default(true),
  REFERRAL_LINK_DAYS: positiveInt.default(60),
  REFERRAL_EXPIRY_DAYS: positiveInt.default(21),
  STALL_NO_BOOKING_DAYS: positiveInt.default(14),
  /** Went to sessions, then nothing booked or attended for this many days: stalled. */
  STALL_AFTER_ATTENDING_DAYS: positiveInt.default(21),
  /** A stalled referral with nothing booked or attended for this many more days ends as "disengaged". */
  DISENGAGE_AFTER_STALL_DAYS: positiveInt.default(28),
  /** Sent emails are kept (address and subject only) this long, then forgotten. */
  OUTBOX_RETENTION_DAYS: positiveInt.default(90),
  /**
   * How long a worker's claim on an email lasts: a worker that dies mid-send
   * is retried (same Message-ID) after this. Keep it above the SMTP timeouts (60 s).
   */
  OUTBOX_CLAIM_SECONDS: positiveInt.default(300),
  /**
   * A worker not heard from for this long is taken for dead, and its jobs pass to the others. Workers beat
   * every 5 s, so it must leave room for a few missed beats on a busy machine.
   */
  WORKER_STALE_SECONDS: positiveInt.min(10, { error: "expected at least 10 (workers beat every 5 seconds)" }).default(30),
  /** Keep uploaded photos in S3 (or an S3-compatible service) instead of DATA_DIR/uploads. */
  S3_URL: z
    .string()
    .regex(/^s3:\/\/[^/?#]+/, { error: "expected s3://KEY:SECRET@BUCKET?region=…&endpoint=…" })
    .optional(),
  /** Bearer token that opens /metrics (Prometheus). Unset: /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, { error: "expected at least 16 characters" }).optional(),
  /** A closed referral keeps the person's name, contact details and notes this long, then only the anonymous record stays. */
  PERSONAL_DATA_RETENTION_DAYS: positiveInt.default(365),
});

export type Env = z.infer<typeof envSchema>;

/** Turns Zod's issues into lines that name the variable and what it expects. */
export function describeEnvErrors(error: z.ZodError): string {
  return error.issues
    .map((issue) => `  ${issue.path.join(".") || "(environment)"}: ${issue.message}`)
    .join("\n");
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" so `FOO= npm start` behaves as expected.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      `Linkway cannot start: some settings are not valid.\n${describeEnvErrors(result.error)}`,
    );
  }
  return result.data;
}

export class EnvError extends Error {}

let cached: Env | undefined;

/** The validated configuration; read once per process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forget the parsed configuration (tests that run many files in one process change process.env between them). */
export function forgetEnv(): void {
  cached = undefined;
}

export function publicUrl(): string {
  const e = env();
  return (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
}
