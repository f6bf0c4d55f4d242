import { appendSnippet } from './notes';

/**
 * The notes editor's side of autosave, as plain state so the React editor and the
 * property test run the same logic (issue 15.2): one save out at a time, each naming
 * the revision its text was typed on; main's answer may carry snippets other areas
 * appended meanwhile, which go after the text and before anything typed since.
 */
export interface NotesSave {
  notes: string;
  baseRevision: number;
}

export class NotesDraft {
  /** What the rep sees and edits. */
  text: string;
  /** What main last confirmed, and its revision. */
  saved: string;
  revision: number;
  /** The text of the save that is out, or null. */
  #sending: string | null = null;

  constructor(notes: string, revision: number) {
    this.text = notes;
    this.saved = notes;
    this.revision = revision;
  }

  get dirty(): boolean {
    return this.text !== this.saved;
  }

  get saving(): boolean {
    return this.#sending !== null;
  }

  /** The save to send now, or null when nothing is new or a save is already out. */
  nextSave(): NotesSave | null {
    if (this.#sending !== null || !this.dirty) return null;
    this.#sending = this.text;
    return { notes: this.text, baseRevision: this.revision };
  }

  /** Main stored the save: returns the text to show (main's, and what was typed since it went out). */
  acknowledge(result: { notes: string; revision: number }): string {
    const sent = this.#sending ?? this.saved;
    this.#sending = null;
    if (result.revision < this.revision) return this.text;
    this.saved = result.notes;
    this.revision = result.revision;
    if (this.text === sent) this.text = result.notes;
    else if (result.notes !== sent && result.notes.startsWith(sent)) {
      // Snippets main appended meanwhile go after everything the rep has typed, as main itself appends them;
      // the next save stores the two together.
      this.text = appendSnippet(this.text, result.notes.slice(sent.length));
    } else if (result.notes !== sent && this.text.startsWith(sent)) {
      // Main rewrote what was sent (a full SSN masked before it was stored): show what it stored,
      // then what was typed since, so the SSN is not sent again.
      this.text = result.notes + this.text.slice(sent.length);
    }
    return this.text;
  }

  /** The save failed: nothing was stored; the text stays to be sent again. */
  failed(revision?: number): void {
    this.#sending = null;
    if (revision !== undefined) this.revision = revision;
  }

  /** Notes changed in main (a snippet, another window): taken when nothing here is unsaved or out. */
  adopt(notes: string, revision: number): boolean {
    if (this.dirty || this.saving || revision < this.revision || (notes === this.saved && revision === this.revision)) return false;
    this.text = notes;
    this.saved = notes;
    this.revision = revision;
    return true;
  }
}
