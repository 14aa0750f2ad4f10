import { describe, expect, it } from "vitest";
import { LEGAL_SUFFIXES } from "../../../src/jobs/shared/names/legal-suffixes.js";
import { exactNameKey, normalizeName } from "../../../src/jobs/shared/names/normalize-name.js";

describe("normalizeName", () => {
  it("folds case", () => {
    expect(normalizeName("CONTOSO")).toBe(normalizeName("contoso"));
  });

  it("folds full-width letters and ligatures to plain letters (NFKC)", () => {
    expect(normalizeName("Ｃｏｎｔｏｓｏ")).toBe("contoso");
    expect(normalizeName("Ofﬁce Supplies")).toBe("office supplies");
  });

  it("treats punctuation as a word break and collapses spaces", () => {
    expect(normalizeName("  Tailspin   Toys (HQ) ")).toBe("tailspin toys hq");
    expect(normalizeName("Alpine-Ski/House")).toBe("alpine ski house");
  });

  it("joins across dots and apostrophes so abbreviations stay one word", () => {
    expect(normalizeName("O'Brien & Sons")).toBe("obrien sons");
    expect(normalizeName("A.B.C. Plumbing")).toBe("abc plumbing");
  });

  it("makes \"Fabrikam, Inc.\", \"Fabrikam Inc\" and \"FABRIKAM\" the same name", () => {
    expect(normalizeName("Fabrikam, Inc.")).toBe("fabrikam");
    expect(normalizeName("Fabrikam Inc")).toBe("fabrikam");
    expect(normalizeName("FABRIKAM")).toBe("fabrikam");
  });

  it.each(LEGAL_SUFFIXES)("strips the legal form %s at the end of a name", (suffix) => {
    expect(normalizeName(`Northwind Traders ${suffix}`)).toBe("northwind traders");
  });

  it("strips stacked legal forms such as GmbH & Co. KG and Pty Ltd", () => {
    expect(normalizeName("Adatum GmbH & Co. KG")).toBe("adatum");
    expect(normalizeName("Wingtip Pty. Ltd.")).toBe("wingtip");
  });

  it("leaves legal-form words that are not at the end", () => {
    expect(normalizeName("AG Insurance Brokers")).toBe("ag insurance brokers");
    expect(normalizeName("Co Op Foods")).toBe("co op foods");
  });

  it("never strips a name made only of legal forms to nothing", () => {
    expect(normalizeName("Inc")).toBe("inc");
    expect(normalizeName("Pty Ltd")).toBe("pty ltd");
    expect(normalizeName("Limited Co")).toBe("limited");
  });

  it("does not strip a legal form that is only the tail of a longer word", () => {
    expect(normalizeName("Abrasa")).toBe("abrasa");
    expect(normalizeName("Texas")).toBe("texas");
  });
});

describe("exactNameKey", () => {
  it("ignores case and surrounding spaces but nothing else", () => {
    expect(exactNameKey(" Adatum ")).toBe(exactNameKey("ADATUM"));
    expect(exactNameKey("Adatum GmbH")).not.toBe(exactNameKey("Adatum"));
    expect(exactNameKey("Fabrikam, Inc.")).not.toBe(exactNameKey("Fabrikam Inc"));
  });
});
