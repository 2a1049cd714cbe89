import type { SeededRandom } from '../terminal/random.js';
import { Vocabulary } from '../terminal/vocabulary.js';

const FIRST_NAMES = [
  'Ada',
  'Bilal',
  'Chen',
  'Dara',
  'Elif',
  'Femi',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kofi',
  'Lena',
  'Mateo',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Viktor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
];
const LAST_NAMES = [
  'Alvarez',
  'Brandt',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Gupta',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lindqvist',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Rossi',
  'Santos',
  'Tanaka',
  'Volkov',
  'Weber',
  'Zhang',
];
const PLACES = [
  'Lisbon',
  'Nairobi',
  'Osaka',
  'Quito',
  'Tallinn',
  'Hobart',
  'Leipzig',
  'Porto',
  'Accra',
  'Bergen',
  'Cusco',
  'Dakar',
  'Gdansk',
  'Kyoto',
  'Lima',
  'Malmo',
  'Perth',
  'Tbilisi',
  'Utrecht',
  'Valencia',
];
const ENTITY_TYPES: Record<string, readonly string[]> = {
  person: ['person', 'person', 'colleague', 'customer', 'friend'],
  project: ['project', 'project', 'repository', 'service'],
  place: ['city', 'place', 'office'],
  thing: ['tool', 'document', 'team', 'event', 'concept'],
};
const RELATION_TYPES = [
  'works_on',
  'works at',
  'knows',
  'manages',
  'lives_in',
  'depends_on',
  'reports to',
  'owns',
  'located_in',
  'mentors',
  'uses',
  'blocks',
  'visited',
  'wrote',
  'part_of',
];
const OBSERVATION_TEMPLATES: ReadonlyArray<(words: MemoryVocabulary) => string> = [
  (words) => `Prefers ${words.word()} over ${words.word()}`,
  (words) => `Started in ${words.year()}`,
  (words) => `Speaks ${words.pickOf(['Portuguese', 'Swahili', 'Japanese', 'German', 'Spanish', 'Polish'])}`,
  (words) => `Deadline is ${words.date()}`,
  (words) => `Uses ${words.word()} version ${words.version()}`,
  (words) => `Mentioned ${words.word()} ${words.number()} times`,
  (words) => `Budget of ${words.number()} euros`,
  (words) => `Has ${words.number()} open issues`,
  (words) => `Code name ${words.randomString()}`,
  (words) => `Moved to ${words.place()} last ${words.pickOf(['spring', 'summer', 'autumn', 'winter'])}`,
  (words) => `Likes ${words.word()} and ${words.word()}`,
  (words) =>
    `Ticket ${words.randomString(2, 4).toUpperCase()}-${words.integer(1, 9999)} is ${words.pickOf(['open', 'closed', 'blocked'])}`,
  (words) => words.capitalized(words.plainLine(6)),
];

export type EntityKind = keyof typeof ENTITY_TYPES;

/**
 * Open-vocabulary text for knowledge-graph calls: names of people, projects and places mixed with English
 * words, random strings and digits, and short observation sentences.
 */
export class MemoryVocabulary extends Vocabulary {
  constructor(private readonly seeded: SeededRandom) {
    super(seeded);
  }

  pickOf<T>(items: readonly T[]): T {
    return this.seeded.pick(items);
  }

  integer(min: number, max: number): number {
    return this.seeded.int(min, max);
  }

  year(): string {
    return String(this.seeded.int(1990, 2030));
  }

  date(): string {
    const month = String(this.seeded.int(1, 12)).padStart(2, '0');
    const day = String(this.seeded.int(1, 28)).padStart(2, '0');
    return `${this.year()}-${month}-${day}`;
  }

  version(): string {
    return `${this.seeded.int(0, 9)}.${this.seeded.int(0, 20)}.${this.seeded.int(0, 9)}`;
  }

  place(): string {
    return this.seeded.chance(0.8) ? this.seeded.pick(PLACES) : this.capitalized(this.randomString(4, 9));
  }

  entityKind(): EntityKind {
    return this.seeded.weighted<EntityKind>([
      ['person', 4],
      ['project', 3],
      ['place', 1],
      ['thing', 2],
    ]);
  }

  entityType(kind: EntityKind): string {
    return this.seeded.pick(ENTITY_TYPES[kind] ?? ['thing']);
  }

  /** A name for an entity of this kind. */
  entityName(kind: EntityKind): string {
    const random = this.seeded;
    switch (kind) {
      case 'person':
        return random.chance(0.7)
          ? `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`
          : random.chance(0.5)
            ? random.pick(FIRST_NAMES)
            : `${this.capitalized(this.randomString(3, 7))} ${random.pick(LAST_NAMES)}`;
      case 'project':
        return random.pick([
          () => `project-${this.word()}`,
          () => `${this.word()}-${this.word()}`,
          () => `${this.capitalized(this.word())} ${random.int(1, 99)}`,
          () => this.baseName(),
        ])();
      case 'place':
        return this.place();
      default:
        return random.chance(0.6) ? this.capitalized(this.word()) : `${this.word()}_${random.int(0, 999)}`;
    }
  }

  relationType(): string {
    return this.seeded.chance(0.85) ? this.seeded.pick(RELATION_TYPES) : `${this.word()}_${this.word()}`;
  }

  observation(): string {
    return this.seeded.pick(OBSERVATION_TEMPLATES)(this);
  }
}
