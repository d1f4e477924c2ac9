/**
 * The built-in analyzer: deterministic, offline, free. It runs the heuristic rules of rules.ts and
 * turns their findings into a score. Same input, byte-identical output: no randomness, no clock, and
 * every ordering is explicit.
 */

import type { AnalysisInput, AnalysisResult, AnalysisType, Analyzer, Finding, FindingSeverity } from './analyzer.port';
import { detectLanguage, type DetectedLanguage } from './language';
import { runRules } from './rules';
import { parseSource } from './source-file';

/**
 * Quality score arithmetic:
 *
 *   qualityScore = max(0, 100 - Σ penalty(severity) over the reported findings)
 *   penalty: critical 25, high 12, medium 6, low 2, info 1
 *
 * e.g. one critical + two medium = 100 - 25 - 6 - 6 = 63. All penalties are integers, so the score is.
 */
const SEVERITY_PENALTY: Readonly<Record<FindingSeverity, number>> = {
  critical: 25,
  high: 12,
  medium: 6,
  low: 2,
  info: 1,
};

/** Most severe first: the order used in the summary. */
const SEVERITIES: readonly FindingSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

/**
 * Confidence arithmetic, in hundredths so no floating-point rounding is involved:
 *
 *   confidence = min(97, base + min(10, floor(nonBlankLines / 10))) / 100
 *   base: 85 when the language was recognised, 60 when the generic C-like reading was a guess
 *
 * so a recognised 40-line snippet gives 0.89, and a bigger one at most 0.95 (0.70 when unrecognised):
 * more code gives the heuristics more context. An empty snippet gives EMPTY_CONFIDENCE.
 */
const KNOWN_LANGUAGE_CONFIDENCE = 85;
const UNKNOWN_LANGUAGE_CONFIDENCE = 60;
const MAX_SIZE_BONUS = 10;
const LINES_PER_BONUS_POINT = 10;
const MAX_CONFIDENCE = 97;
const EMPTY_CONFIDENCE = 0.5;

export class BuiltinAnalyzer implements Analyzer {
  readonly name = 'builtin';

  async analyze(input: AnalysisInput): Promise<AnalysisResult> {
    if (input.content.trim() === '') return emptyResult();
    const language = detectLanguage(input.language, input.filename);
    const findings = runRules(parseSource(input.content, language))
      .filter((finding) => isReported(finding, input.type))
      .sort(compareFindings);
    return {
      qualityScore: qualityScore(findings),
      bugsFound: bugsFound(findings),
      confidence: confidence(language, input.content),
      findings,
      summary: summarize(findings),
    };
  }
}

function emptyResult(): AnalysisResult {
  return {
    qualityScore: 100,
    bugsFound: 0,
    confidence: EMPTY_CONFIDENCE,
    findings: [],
    summary: 'No issues found: the snippet is empty.',
  };
}

/**
 * Which categories an analysis type reports. A bugs analysis also reports critical security findings:
 * `eval` on user input or a leaked key is a defect the customer would want to hear about either way.
 * A quality analysis is the general review and reports everything.
 */
function isReported(finding: Finding, type: AnalysisType): boolean {
  switch (type) {
    case 'quality':
      return true;
    case 'security':
      return finding.category === 'security';
    case 'performance':
      return finding.category === 'performance';
    case 'bugs':
      return finding.category === 'bugs' || (finding.category === 'security' && finding.severity === 'critical');
  }
}

/** By line, then rule id, then column, then message. Plain code-unit comparison rather than
 * localeCompare, whose result may depend on the host's locale. */
function compareFindings(a: Finding, b: Finding): number {
  return (
    a.line - b.line ||
    compareText(a.rule, b.rule) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareText(a.message, b.message)
  );
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function qualityScore(findings: readonly Finding[]): number {
  const penalty = findings.reduce((sum, finding) => sum + SEVERITY_PENALTY[finding.severity], 0);
  return Math.max(0, 100 - penalty);
}

/** Security findings count as bugs too: both are defects to fix, unlike style and performance notes. */
function bugsFound(findings: readonly Finding[]): number {
  return findings.filter((finding) => finding.category === 'bugs' || finding.category === 'security').length;
}

function confidence(language: DetectedLanguage, content: string): number {
  const nonBlankLines = content.split(/\r\n?|\n/).filter((line) => line.trim() !== '').length;
  const base = language.known ? KNOWN_LANGUAGE_CONFIDENCE : UNKNOWN_LANGUAGE_CONFIDENCE;
  const sizeBonus = Math.min(MAX_SIZE_BONUS, Math.floor(nonBlankLines / LINES_PER_BONUS_POINT));
  return Math.min(MAX_CONFIDENCE, base + sizeBonus) / 100;
}

/** e.g. "3 issues found: 1 critical, 2 medium." */
function summarize(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No issues found.';
  const counts = SEVERITIES.map((severity) => ({
    severity,
    count: findings.filter((finding) => finding.severity === severity).length,
  }))
    .filter(({ count }) => count > 0)
    .map(({ severity, count }) => `${count} ${severity}`);
  const noun = findings.length === 1 ? 'issue' : 'issues';
  return `${findings.length} ${noun} found: ${counts.join(', ')}.`;
}
