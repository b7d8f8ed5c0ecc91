/**
 * Time-based one-time codes (RFC 6238) with @oslojs/otp: 30-second steps,
 * 6 digits, SHA-1 (what every authenticator app supports). A code is accepted
 * one step either side of now for clock drift, and never twice.
 * Uses the real clock, not the test clock: authenticator apps do.
 */
import { createTOTPKeyURI, verifyHOTP } from "@oslojs/otp";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const DRIFT_STEPS = 1;

export function newTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

export function totpKeyUri(accountName: string, key: Uint8Array): string {
  return createTOTPKeyURI("Linkway", accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The key for typing into an app by hand, in groups of four: "JBSW Y3DP …". */
export function manualEntryKey(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})/g, "$1 ").trim();
}

/** A QR code of the key URI as a data: URL (the CSP allows data: images), drawn on the server. */
export async function totpQrCodeDataUrl(uri: string): Promise<string> {
  // Loaded when someone sets up two-step sign-in, not by every process that signs people in.
  const { default: QRCode } = await import("qrcode");
  return QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 240 });
}

export function totpStepAt(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The time step a code belongs to (within the drift window), or null.
 * The caller stores the step so the same code cannot be replayed.
 */
export function matchTotpStep(key: Uint8Array, code: string, atMs = Date.now()): number | null {
  const digits = code.replace(/\s+/g, "");
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(digits)) return null;
  const current = totpStepAt(atMs);
  for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
    if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, digits)) return step;
  }
  return null;
}
