import Table from "cli-table3";

const BORDERLESS = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: "  ",
};

/**
 * A plain, borderless table (as `gh` prints lists): columns separated by two spaces, no
 * colour codes, so it reads on narrow terminals and pipes into grep and awk.
 */
export function renderTable(head: string[], rows: Array<Array<string | number | undefined>>): string {
  const table = new Table({
    head,
    chars: BORDERLESS,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
  });
  for (const row of rows) table.push(row.map((cell) => (cell === undefined ? "" : String(cell))));
  return table
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}
