import type { Goal } from './results.js';
import { fmt } from './table.js';

export const HEADER = ['figure', 'ours', 'official', 'other', 'ratio', 'goal', 'status'];

/** The table's rows and the notes under it, as each section adds them. */
export class ReportRows {
  readonly rows: string[][] = [];
  readonly notes: string[] = [];

  constructor(private readonly goals: readonly Goal[]) {}

  /** One figure; `goalFigure` names the JSON path of a goal judged on it, which fills goal and status. */
  row(
    figure: string,
    ours: string,
    official: string,
    other: string,
    ratioValue: number | null | undefined,
    goalFigure?: string,
  ): void {
    const goal = goalFigure ? this.goals.find((g) => g.figure === goalFigure) : undefined;
    this.rows.push([
      figure,
      ours,
      official,
      other,
      ratioValue === undefined ? '' : fmt(ratioValue, 3),
      goal?.target ?? '',
      goal ? (goal.met === null ? 'n/a' : goal.met ? 'met' : 'MISSED') : '',
    ]);
  }

  /** A figure judged for linear growth rather than against a goal. */
  growth(figure: string, ours: string, other: string, linear: boolean | undefined): void {
    this.rows.push([
      figure,
      ours,
      '',
      other,
      '',
      linear === undefined ? '' : 'linear?',
      linear === undefined ? '' : linear ? 'yes' : 'NO',
    ]);
  }

  note(line: string): void {
    this.notes.push(line);
  }
}
