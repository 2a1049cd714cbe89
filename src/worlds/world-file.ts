import { z } from 'zod';

/*
 * The fictional-world file format. A world file describes one invented world once — its entities and their
 * facts, world-level facts, an optional small relational table and optional question/answer pairs — so that
 * many WorldSpecs, in any domain, can refer to it and show the same facts. This file imports nothing but zod:
 * src/core/world-spec.ts builds the spec's `world` field from these pieces.
 */

/** A scalar an entity attribute or a table cell may hold. */
export const WorldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type WorldValue = z.infer<typeof WorldValueSchema>;

/** One thing in the world: a place, person, vessel, company, event … with the facts that are true of it. */
export const WorldEntitySchema = z.object({
  /** Stable id, unique in the world (letters, digits, `.`, `_`, `-`). */
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only'),
  /** The name the world uses for it. */
  name: z.string().min(1),
  /** What kind of thing it is (`town`, `person`, `ferry` …); free text. */
  type: z.string().min(1),
  /** Other names it goes by; they are searchable like the name. */
  aliases: z.array(z.string().min(1)).default([]),
  /** Short structured properties (`population: 1200`), shown as `key: value` facts. */
  attributes: z.record(z.string(), WorldValueSchema).default({}),
  /** Sentences that are true of it, each readable on its own. */
  facts: z.array(z.string().min(1)).default([]),
  /** The page that describes it, when the world has one (search results link to it; opening it shows it). */
  url: z.string().min(1).optional(),
});
export type WorldEntity = z.infer<typeof WorldEntitySchema>;

/** A small relational table (a timetable, a price list …): named columns and rows of scalars. */
export const WorldTableSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    columns: z.array(z.string().min(1)).min(1),
    rows: z.array(z.array(WorldValueSchema)).default([]),
  })
  .superRefine((table, context) => {
    table.rows.forEach((row, index) => {
      if (row.length !== table.columns.length) {
        context.addIssue({
          code: 'custom',
          path: ['rows', index],
          message: `row has ${row.length} cells but the table has ${table.columns.length} columns`,
        });
      }
    });
  });
export type WorldTable = z.infer<typeof WorldTableSchema>;

/**
 * A question the world can answer, with its reference answer. `parts` splits a multi-part answer into the
 * pieces that must each be found (`["Maren Achterberg", "1987"]`); without it the whole answer is one part.
 */
export const WorldQuestionSchema = z.object({
  question: z.string().min(1),
  answer: z.string().min(1),
  parts: z.array(z.string().min(1)).min(1).optional(),
});
export type WorldQuestion = z.infer<typeof WorldQuestionSchema>;

/**
 * What the agent of a spec is looking for, so a search world can hint at it without giving it away.
 * `question` is a world question's index or its text; `answer` and `parts` are given directly or taken from
 * that question.
 */
export const WorldTargetSchema = z
  .object({
    question: z.union([z.string().min(1), z.number().int().nonnegative()]).optional(),
    answer: z.string().min(1).optional(),
    parts: z.array(z.string().min(1)).min(1).optional(),
  })
  .refine((target) => target.question !== undefined || target.answer !== undefined, {
    message: 'a target needs a `question` (index or text of a world question) or an `answer`',
  });
export type WorldTarget = z.infer<typeof WorldTargetSchema>;

/** Knobs of fact retrieval; every field is optional (defaults in src/worlds/retrieval-settings.ts). */
export const WorldRetrievalSchema = z.object({
  /**
   * A world with more statements (facts, attributes, table rows) than this puts only the task-relevant ones in
   * the system prompt of non-search domains and hands the rest over turn by turn (default 30).
   */
  promptFactLimit: z.number().int().min(1).max(10_000).optional(),
  /** Search: world-backed results per query (default 3). */
  resultsPerQuery: z.number().int().min(1).max(20).optional(),
  /** Search: facts per result snippet (default 3). */
  factsPerResult: z.number().int().min(1).max(20).optional(),
  /** Search: facts on one opened page (default 8). */
  factsPerPage: z.number().int().min(1).max(100).optional(),
  /** Other domains: facts handed over per turn when the world is large (default 6). */
  factsPerTurn: z.number().int().min(1).max(100).optional(),
});
export type WorldRetrieval = z.infer<typeof WorldRetrievalSchema>;

/** The content fields a world file and an inline world share. */
export const worldContentShape = {
  description: z.string().optional(),
  entities: z.array(WorldEntitySchema).default([]),
  /** World-level facts, true of the world as a whole. */
  facts: z.array(z.string().min(1)).default([]),
  table: WorldTableSchema.optional(),
  questions: z.array(WorldQuestionSchema).default([]),
};

/** Duplicate entity ids are refused, naming the second one. */
export function checkUniqueEntityIds(
  entities: ReadonlyArray<{ readonly id: string }>,
  context: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  entities.forEach((entity, index) => {
    if (seen.has(entity.id)) {
      context.addIssue({
        code: 'custom',
        path: ['entities', index, 'id'],
        message: `entity id "${entity.id}" appears twice`,
      });
    }
    seen.add(entity.id);
  });
}

/** A world file (`examples/worlds/<name>.json`), referred to from a spec as `world: { file }`. */
export const WorldFileSchema = z
  .object({
    version: z.literal(1),
    name: z.string().min(1),
    ...worldContentShape,
  })
  .superRefine((world, context) => checkUniqueEntityIds(world.entities, context));
export type WorldFile = z.infer<typeof WorldFileSchema>;
export type WorldFileInput = z.input<typeof WorldFileSchema>;

/** Whitespace-collapsed, lower-cased text, for matching a question written slightly differently. */
function normalisedQuestion(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The world question a target names, by index or by text (case and spacing ignored). */
export function findWorldQuestion(
  questions: readonly WorldQuestion[],
  question: string | number,
): WorldQuestion | undefined {
  if (typeof question === 'number') return questions[question];
  const wanted = normalisedQuestion(question);
  return questions.find((candidate) => normalisedQuestion(candidate.question) === wanted);
}
