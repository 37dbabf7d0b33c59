/** Facts of the first publication that several tests check (from ../shared/source). */
export const SONY_TITLE = "China’s Position on the Sony Attack: Implications for the U.S. Response";

/** The six section headings of the source, in order. */
export const SONY_SECTIONS = [
  "Background",
  "Was China Involved in the Attack against Sony?",
  "Will China Assist the U.S. Response?",
  "How Would China React to a U.S. Cyber Operation against North Korea?",
  "Could a Response Deter Future Chinese Cyber Operations against the U.S.?",
  "Conclusion",
];
