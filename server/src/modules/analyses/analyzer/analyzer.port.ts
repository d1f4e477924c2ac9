/**
 * The analyzer port: what the analyses module needs from "something that looks at code". The built-in
 * deterministic analyzer implements it today; an LLM-backed adapter can implement it later without the
 * callers changing.
 */

export type AnalysisType = 'security' | 'quality' | 'performance' | 'bugs';

export type FindingSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface Finding {
  /** 1-based line of the source the finding points at. */
  line: number;
  /** 1-based column, when the rule knows it. */
  column?: number;
  /** Stable rule id, e.g. `no-eval`. */
  rule: string;
  severity: FindingSeverity;
  /** Human explanation. Never contains secret values from the source. */
  message: string;
  category: AnalysisType;
}

export interface AnalysisInput {
  filename: string;
  language: string;
  content: string;
  type: AnalysisType;
}

export interface AnalysisResult {
  /** Integer 0-100, 100 meaning nothing was found. */
  qualityScore: number;
  /** Integer count of reported findings that are bugs or security issues. */
  bugsFound: number;
  /** 0..1 with 2 decimals: how much the analyzer trusts its own result. */
  confidence: number;
  findings: Finding[];
  /** One human sentence, e.g. "3 issues found: 1 critical, 2 medium." */
  summary: string;
}

export interface Analyzer {
  readonly name: string;
  analyze(input: AnalysisInput): Promise<AnalysisResult>;
}
