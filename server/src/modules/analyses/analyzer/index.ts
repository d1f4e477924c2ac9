export type {
  AnalysisInput,
  AnalysisResult,
  AnalysisType,
  Analyzer,
  Finding,
  FindingSeverity,
} from './analyzer.port';
export { BuiltinAnalyzer } from './builtin-analyzer';
