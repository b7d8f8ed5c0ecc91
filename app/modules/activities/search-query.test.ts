import { describe, expect, it } from "vitest";
import { effectiveSort, parseSearchParams, searchHref } from "./search-query";

const parse = (qs: string) => parseSearchParams(new URLSearchParams(qs));

describe("search parameters", () => {
  it("fills defaults and ignores empty fields from a plain form", () => {
    const r = parse("q=&near=&lat=&lng=&radius_km=5&time=&sort=&free=");
    expect(r).toEqual({
      ok: true,
      params: expect.objectContaining({ radius_km: 5, page: 1, per_page: 20, online: "include", free: false, category: [], day: [] }),
    });
    if (r.ok) expect(r.params.q).toBeUndefined();
  });

  it("reads repeatable fields as lists, without duplicates", () => {
    const r = parse("category=walking&category=music&category=walking&day=mon&day=sat&accessibility=step_free&join=drop_in");
    expect(r.ok && r.params).toMatchObject({ category: ["walking", "music"], day: ["mon", "sat"], accessibility: ["step_free"], join: ["drop_in"] });
  });

  it("names the field that is wrong", () => {
    expect(parse("radius_km=3")).toMatchObject({ ok: false, field: "radius_km" });
    expect(parse("per_page=51")).toMatchObject({ ok: false, field: "per_page" });
    expect(parse("lng=1")).toMatchObject({ ok: false, field: "lat" });
    expect(parse("sort=distance")).toMatchObject({ ok: false, field: "sort" });
    expect(parse("sort=distance&near=Leeds").ok).toBe(true);
    expect(parse("free=yes")).toMatchObject({ ok: false, field: "free" });
  });

  it("keeps the valid part when one field is wrong", () => {
    const r = parse("q=walking&radius_km=3");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.partial.q).toBe("walking");
  });

  it("chooses a sensible default order", () => {
    expect(effectiveSort({ q: "yoga" }, true)).toBe("distance");
    expect(effectiveSort({ q: "yoga" }, false)).toBe("relevance");
    expect(effectiveSort({}, false)).toBe("soonest");
    expect(effectiveSort({ sort: "soonest" }, true)).toBe("soonest");
  });

  it("writes a search back as a short link that reads the same", () => {
    const r = parse("q=walking&near=LS6 3AB&radius_km=10&category=walking&free=1&day=mon&page=2");
    if (!r.ok) throw new Error("invalid");
    const href = searchHref(r.params);
    expect(href).toBe("/search?q=walking&near=LS6+3AB&radius_km=10&category=walking&day=mon&free=1&page=2");
    const again = parse(href.split("?")[1]);
    expect(again.ok && again.params).toEqual(r.params);
    expect(searchHref(r.params, { free: false, page: 1 })).not.toContain("free");
  });
});
