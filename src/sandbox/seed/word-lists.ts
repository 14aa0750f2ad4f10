/**
 * Words that generated organization names are built from: a place or founder-style first
 * word, a trade, and an optional legal suffix, as MSP customer lists read.
 */
export const NAME_FIRST: readonly string[] = [
  "Acme", "Alder", "Apex", "Arbor", "Aspen", "Atlas", "Bay Area", "Beacon", "Birch", "Blue Ridge",
  "Bluewater", "Brookside", "Canyon", "Cardinal", "Cedar", "Century", "Charter", "Clearview", "Coastal", "Cobalt",
  "Copper", "Crescent", "Crown", "Cypress", "Delta", "Eagle", "Eastside", "Elm Street", "Evergreen", "Falcon",
  "First Street", "Foothill", "Frontier", "Garfield", "Gateway", "Golden", "Granite", "Greenfield", "Harbor", "Hawthorne",
  "Heritage", "Highland", "Hillcrest", "Horizon", "Ironwood", "Jackson", "Keystone", "Lakeside", "Landmark", "Liberty",
  "Lighthouse", "Maple", "Meadow", "Meridian", "Midtown", "Millbrook", "Monarch", "Northgate", "Northstar", "Oakridge",
  "Orchard", "Pacific", "Park Avenue", "Patriot", "Pinnacle", "Pioneer", "Prairie", "Redwood", "Ridgeline", "Riverbend",
  "Riverside", "Rockport", "Sagebrush", "Sequoia", "Sierra", "Silverline", "Southpoint", "Sterling", "Stonebridge", "Summit",
  "Sunrise", "Tidewater", "Timberline", "Trinity", "Union", "Valley", "Vanguard", "Westbrook", "Westfield", "Willow",
  "Mueller", "Schneider", "Fischer", "Dubois", "Rossi", "Novak", "O'Brien", "McAllister", "Nguyen", "Patel",
];

export const NAME_TRADE: readonly string[] = [
  "Accounting", "Architects", "Auto Group", "Bakery", "Builders", "Chiropractic", "Clinic", "Construction",
  "Consulting", "Dental", "Design", "Distribution", "Electric", "Engineering", "Family Practice", "Financial",
  "Foods", "Freight", "Health", "Heating & Air", "Holdings", "Insurance", "Interiors", "Landscaping",
  "Law Group", "Legal", "Logistics", "Manufacturing", "Marine", "Media", "Medical Group", "Motors",
  "Orthodontics", "Partners", "Pediatrics", "Pharmacy", "Plumbing", "Printing", "Properties", "Realty",
  "Roofing", "Solutions", "Supply", "Surveying", "Tax Services", "Title", "Transport", "Veterinary",
  "Wealth Management", "Winery",
];

export const LEGAL_SUFFIX: readonly string[] = ["LLC", "Inc.", "Inc", "Ltd", "Ltd.", "GmbH", "Co.", "Corp.", "PLLC", "LLP", "PC", "AG", "S.A."];

/** Serial values that firmware ships unset; matching on them links unrelated machines. */
export const JUNK_SERIALS: readonly string[] = [
  "To Be Filled By O.E.M.",
  "Default string",
  "0",
  "0000000000",
  "00000000",
  "System Serial Number",
  "Not Specified",
  "None",
  "N/A",
  "INVALID",
  "123456789",
];
