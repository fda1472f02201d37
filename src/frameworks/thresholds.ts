/**
 * Every verdict line used by the frameworks, in one frozen table, each with its source. Lines that come from a
 * paper, a guideline or a named framework cite it; lines that are this project's own calibration say
 * "bubblescope convention" and explain the anchor, so a reader can tell a cited number from a chosen one.
 * No line is set equal to one era's own value: a comparison cannot be its own threshold.
 */

export interface Line {
  readonly bubbleAt: number;
  readonly healthyAt: number;
  readonly source: string;
}

const L = (bubbleAt: number, healthyAt: number, source: string): Line => Object.freeze({ bubbleAt, healthyAt, source });

export const LINES = Object.freeze({
  /** Utilisation, percent (lower is bubblier). */
  utilisation: L(
    50,
    75,
    "bubblescope convention anchored on the Federal Reserve G.17 long-run US industrial capacity utilisation (~80%, 1972-2024): >= 75% is normal use, <= 50% means half the capacity idle",
  ),
  /** P/E, x (higher is bubblier). */
  priceEarnings: L(
    100,
    40,
    "healthy line: Exponential View valuation gauge rated a P/E of ~38 green (A. Azhar, 2025-10-03); bubble line 100x: bubblescope convention, below every Cisco 2000 figure in the ledger (E021-E025: 120-276x)",
  ),
  /** Price/sales, x (higher is bubblier). */
  priceSales: L(
    10,
    5,
    "bubble line: S. McNealy (Sun Microsystems CEO), BusinessWeek 2002: 'at 10 times revenues, to give you a 10-year payback, I have to pay you 100% of revenues for 10 straight years'; healthy line 5x: bubblescope convention (half of it)",
  ),
  /** Internal funds / capex, ratio (lower is bubblier). */
  fundingCoverage: L(
    0.5,
    1,
    "healthy line 1: internal funds cover the investment (pecking-order theory, Myers & Majluf, J. Fin. Econ. 1984); bubble line 0.5: bubblescope convention (more than half must be raised outside)",
  ),
  /** Debt share of capex funding, percent (higher is bubblier). */
  debtShare: L(
    50,
    25,
    "bubblescope convention for Exponential View's 'funding quality' gauge (red when funding shifts from internal cash to debt/vendor finance): >= 50% debt-financed is red, <= 25% green",
  ),
  /** Capex / operating cash flow, percent (higher is bubblier). */
  capexToOcf: L(
    100,
    50,
    "bubble line 100%: capex above operating cash flow means negative free cash flow (FCF = OCF - capex), i.e. outside funding; healthy line 50%: bubblescope convention",
  ),
  /** AI capex as percent of GDP (higher is bubblier). */
  capexGdp: L(
    2,
    1,
    "Exponential View economic-strain gauge: amber above 1% of US GDP (EV 'We checked. Again. Still no bubble', 2026); red line 2%: bubblescope assumption (EV's red line is not in the sources read)",
  ),
  /** Gen-AI revenue / capex, percent (lower is bubblier). */
  revenueCoverage: L(
    10,
    25,
    "Exponential View industry-strain gauge: revenue covering ~15% of capex was rated amber (Azhar podcast, 2025-10-03); lines 10% (red) and 25% (green) are bubblescope calibration around it",
  ),
  /** Revenue doubling time, months (higher is bubblier). */
  revenueDoubling: L(
    48,
    12,
    "Exponential View revenue-momentum gauge rated a doubling time of 0.73 years green (2026); green line 12 months and red line 48 months are bubblescope calibration around it",
  ),
  /** Sequoia coverage = actual AI revenue / required, ratio (lower is bubblier). */
  sequoiaCoverage: L(
    0.5,
    1,
    "healthy line 1: AI revenue pays for the build-out (D. Cahn, Sequoia, 'AI's $600B Question', 2024); bubble line 0.5: bubblescope convention (more than half of the required revenue missing)",
  ),
  /** Depreciation overstatement as percent of net income (higher is bubblier). */
  depreciation: L(
    20,
    5,
    "healthy line 5%: the common 5%-of-income materiality rule of thumb (SEC Staff Accounting Bulletin No. 99, 1999, discusses it); bubble line 20%: bubblescope convention (a fifth of earnings)",
  ),
  /** Gross-profit ratio AI choice / SaaS choice (lower is bubblier). */
  grossProfitRatio: L(
    1,
    1,
    "the talk's own test (a16z, 2025-10-31: '$10 at 90% or $50 at 60%?'): the lower-margin product is better only if its gross profit is larger (ratio >= 1)",
  ),
  /** GMO z-score (higher is bubblier). */
  gmoSigma: L(
    2,
    1,
    "GMO (J. Grantham): a bubble is a >= 2-sigma deviation from trend; within 1 sigma = bubblescope convention for 'near trend'",
  ),
  /** GSY 2-year run-up, percent (higher is bubblier). */
  gsyRunUp: L(
    100,
    50,
    "Greenwood, Shleifer & You (2019), 'Bubbles for Fama', JFE 131(1): 100% 2-year run-ups carry ~53% crash odds, 50% ~20%",
  ),
  /** Vendor money coming back as purchases per year / the vendor's revenue, percent (higher is bubblier). */
  vendorFinancing: L(
    20,
    5,
    "bubblescope convention: a vendor lending or investing a fifth of a year's revenue into customers who buy its gear is living on its own money (bubble line 20%); 5% is incidental (healthy line). The 2000 vendors lie on either side of it (Lucent a third, Cisco a tenth of FY2001 revenue); the line equals neither",
  ),
  /** Exponential View tally: number of red gauges. */
  evTally: L(
    3,
    1,
    "Exponential View (A. Azhar), as reported by Fortune (2025): 0-1 red gauges = boom, 2 = caution, 3 or more = bubble",
  ),
});

export const ROIC_NOISE_SOURCE =
  "bubblescope rule: a change in ROIC smaller than the disagreement between two providers' ROIC for the same firm-year (E038 vs E037, Alphabet FY2024) cannot be told from definitional noise";

export const USAGE_RULE_SOURCE =
  "A. Odlyzko (Laser Focus World 2003, E175): the 2000 glut came from capacity built for traffic 'doubling every 100 days' while traffic doubled yearly; demand that doubles faster than the capacity spend is absorbing it";

export const HHI_SOURCE =
  "US DOJ/FTC Merger Guidelines (2023) §2.1: HHI above 1,800 = highly concentrated; concentration alone is not a bubble signal, so no bubble verdict is drawn";
