import { describe, expect, it } from "vitest";
import { nextPageAfter } from "../../../../src/clients/ninjaone/paging.js";

describe("nextPageAfter", () => {
  it("ends the listing on an empty page", () => {
    expect(nextPageAfter([], 1000, 500)).toEqual({ done: true });
  });

  it("asks for the page after the largest id, whatever the order of the page", () => {
    expect(nextPageAfter([7, 9, 3], 3, undefined)).toEqual({ done: false, after: 9 });
  });

  it("ends the listing on a page shorter than a page size the server is known to honour", () => {
    expect(nextPageAfter([1, 2, 3], 1000, undefined)).toEqual({ done: true });
    expect(nextPageAfter([1, 2], 3, undefined)).toEqual({ done: true });
  });

  it("asks again after a page of 1000 when more were asked for, because the server may clamp the size", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(nextPageAfter(ids, 2000, undefined)).toEqual({ done: false, after: 1000 });
  });

  it("reports a page whose ids do not pass the previous page as stuck", () => {
    expect(nextPageAfter([4, 5], 2, 5)).toEqual({ stuck: true });
  });
});
