/**
 * Every word of the shell's own screens (renderer/src/app and renderer/src/ui): start, profile,
 * lock, status bar, shortcuts, screen pop, fields and error summaries; in one place (issue 13 §3),
 * read through i18next (renderer/src/i18n). Area titles and purposes stay in areas/registry;
 * the offer a screen pop describes comes from shared/common/calls.
 */
export const shell = {
  app: {
    cannotStart: 'kynect Desk cannot start',
    opening: 'Opening kynect Desk…',
    brand: 'kynect Desk',
    skipTo: 'Skip to the {{area}} area',
    profile: 'Profile',
    lock: 'Lock',
    shortcuts: 'Shortcuts',
    areas: 'Areas',
    areaRegion: '{{area}} area',
  },
  keys: {
    esc: 'Esc',
    groupAreas: 'Areas',
    groupGeneral: 'General',
    groupCall: 'Call',
    groupMatch: 'Member match (PSL)',
    goTo: 'Go to {{area}}, at its first field or main action',
    cheatsheet: 'Show keyboard shortcuts',
    lockNow: 'Lock kynect Desk now (the call goes on)',
    sepSearch: 'Search SEP qualifying events (from any area; not while typing in a field)',
    slash: 'slash',
    altZero: 'Alt and the digit zero',
    navigation: 'Jump to the navigation',
    notesFocus: 'Type in the call notes (goes to the Call area)',
    notesAdd: 'Add what this area shows (a match result, an ESE reference) to the call notes',
    matchClear: 'Clear the member lookup and start a new one (goes to Member match)',
    noCall: 'No call is open: notes belong to a call. Alt+N starts one.',
    nothingToAdd: 'Nothing here to add to the call notes yet: a member-match result or a forwarded ESE intake can be added.',
    sheetTitle: 'Keyboard shortcuts',
    close: 'Close',
  },
} as const;
