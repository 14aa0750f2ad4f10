/**
 * Legal-form words that organizations carry in one system and not in another
 * ("Fabrikam, Inc." in NinjaOne, "Fabrikam" in Microsoft 365). Written as people write them;
 * normalize-name.ts puts them through the same folding as names, so "S.A.R.L." and "Sarl"
 * are one entry. Multi-word forms come before their parts so the longest form is stripped.
 */
export const LEGAL_SUFFIXES: readonly string[] = [
  // English-speaking
  "Inc", "Incorporated", "Corp", "Corporation", "Co", "Company", "Ltd", "Limited", "LLC", "L.L.C.",
  "LLP", "LP", "PLC", "PC", "PLLC", "Pty Ltd", "Pty", "Pte Ltd", "Pte", "Pvt Ltd", "Pvt",
  // German, Dutch, Belgian
  "GmbH", "gGmbH", "AG", "KG", "KGaA", "OHG", "UG", "e.K.", "e.V.", "BV", "B.V.", "NV", "N.V.", "BVBA", "VOF",
  // French, Spanish, Italian, Portuguese
  "SA", "S.A.", "SAS", "SASU", "SARL", "S.A.R.L.", "EURL", "SL", "SLU", "SRL", "S.R.L.", "SpA", "S.p.A.",
  "Lda", "Ltda",
  // Nordic
  "AB", "AS", "ASA", "A/S", "ApS", "Oy", "Oyj", "HF", "EHF",
  // Central and Eastern Europe
  "Sp. z o.o.", "s.r.o.", "a.s.", "Kft", "Zrt", "d.o.o.", "SE",
  // Asia-Pacific
  "KK", "K.K.", "Bhd", "Sdn Bhd",
];
