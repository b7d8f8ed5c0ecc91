import { generateHOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { describe, expect, it } from "vitest";
import { manualEntryKey, matchTotpStep, newTotpKey, totpKeyUri, totpQrCodeDataUrl, totpStepAt } from "./totp.server";

const at = Date.UTC(2026, 2, 1, 12, 0, 10);
const codeAt = (key: Uint8Array, ms: number) => generateHOTP(key, BigInt(totpStepAt(ms)), 6);

describe("TOTP", () => {
  it("makes 160-bit keys and an otpauth URI for apps", () => {
    const key = newTotpKey();
    expect(key).toHaveLength(20);
    const uri = totpKeyUri("sam@example.org", key);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Linkway:sam%40example\.org\?/);
    expect(uri).toContain("period=30");
    expect(uri).toContain("digits=6");
  });

  it("shows the key for typing by hand, decoding back to the same key", () => {
    const key = newTotpKey();
    const text = manualEntryKey(key);
    expect(text).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    expect(decodeBase32IgnorePadding(text.replace(/ /g, ""))).toEqual(key);
  });

  it("accepts the current code and one step either side, nothing further", () => {
    const key = newTotpKey();
    const step = totpStepAt(at);
    expect(matchTotpStep(key, codeAt(key, at), at)).toBe(step);
    expect(matchTotpStep(key, codeAt(key, at - 30_000), at)).toBe(step - 1);
    expect(matchTotpStep(key, codeAt(key, at + 30_000), at)).toBe(step + 1);
    expect(matchTotpStep(key, codeAt(key, at - 90_000), at)).toBeNull();
    expect(matchTotpStep(key, codeAt(key, at + 90_000), at)).toBeNull();
  });

  it("ignores spaces, and refuses malformed codes and another key's code", () => {
    const key = newTotpKey();
    const code = codeAt(key, at);
    expect(matchTotpStep(key, `${code.slice(0, 3)} ${code.slice(3)}`, at)).not.toBeNull();
    for (const bad of ["", "12345", "1234567", "abcdef", "12345a"]) expect(matchTotpStep(key, bad, at)).toBeNull();
    expect(matchTotpStep(newTotpKey(), code, at)).toBeNull();
  });

  it("draws the QR code as a data: URL image", async () => {
    const url = await totpQrCodeDataUrl(totpKeyUri("a@b.c", newTotpKey()));
    expect(url).toMatch(/^data:image\/png;base64,/);
  });
});
