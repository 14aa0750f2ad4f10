import type { Sku } from "./model.js";

/** Microsoft 365 SKUs as Graph names them (`subscribedSkus`), with the names CIPP shows. */
export const SKUS = {
  businessPremium: { skuId: "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", skuPartNumber: "SPB", friendlyName: "Microsoft 365 Business Premium" },
  businessBasic: { skuId: "3b555118-da6a-4418-894f-7df1e2096870", skuPartNumber: "O365_BUSINESS_ESSENTIALS", friendlyName: "Microsoft 365 Business Basic" },
  businessStandard: { skuId: "f245ecc8-75af-4f8e-b61f-27d8114de5f3", skuPartNumber: "O365_BUSINESS_PREMIUM", friendlyName: "Microsoft 365 Business Standard" },
  e3: { skuId: "6fd2c87f-b296-42f0-b197-1e91e994b900", skuPartNumber: "ENTERPRISEPACK", friendlyName: "Office 365 E3" },
} as const satisfies Record<string, Sku>;

export const SKU_LIST: readonly Sku[] = Object.values(SKUS);

export const FIRST_NAMES = ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Lars", "Maya", "Noor", "Omar", "Priya"] as const;
export const LAST_NAMES = ["Li", "Okafor", "Novak", "Silva", "Meyer", "Haddad", "Larsen", "Tanaka", "Costa", "Walsh", "Ibrahim", "Khan"] as const;
export const JOB_TITLES = ["Office Manager", "Accountant", "Sales Lead", "Engineer", "Director", null] as const;
