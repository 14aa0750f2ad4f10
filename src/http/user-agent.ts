import { packageVersion } from "../version.js";

/** Sent on every request so vendors can tell our traffic apart. */
export const UserAgent = `ninja-bridge/${packageVersion()}`;
