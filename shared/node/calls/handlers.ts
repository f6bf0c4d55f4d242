import type { callChannels } from '../../common/calls/contract';
import type { screenPopChannels } from '../../common/calls/screenPop';
import type { DeskServices } from '../host/services';
import type { HandlersFor } from '../host/router';

export function callHandlers(desk: { readonly services: Pick<DeskServices, 'calls' | 'screenPop'> }): HandlersFor<keyof typeof callChannels | keyof typeof screenPopChannels> {
  const calls = desk.services.calls;
  return {
    'app:call.current': () => calls.current(),
    'app:call.start': (request) => calls.start(request),
    'app:call.hold': ({ callId }) => calls.command(callId, { type: 'hold' }),
    'app:call.resume': ({ callId }) => calls.command(callId, { type: 'resume' }),
    'app:call.clientJoined': ({ callId }) => calls.command(callId, { type: 'client_joined' }),
    'app:call.clientLeft': ({ callId }) => calls.command(callId, { type: 'client_left' }),
    'app:call.end': ({ callId }) => calls.command(callId, { type: 'end' }),
    'app:call.unfinished': ({ callId }) => calls.unfinished(callId),
    'app:call.details': ({ callId, changes }) => calls.command(callId, { type: 'update_details', changes }),
    'app:call.language.set': ({ callId, language }) => calls.setLanguage(callId, language),
    'app:call.notes.save': ({ callId, notes, baseRevision }) => calls.saveNotes(callId, notes, baseRevision),
    'app:call.notes.append': ({ text }) => calls.appendNote(text),
    'app:call.wrapUp': ({ callId, disposition, additionalDispositions, followUpDate }) =>
      calls.command(callId, { type: 'close', disposition, additionalDispositions, followUpDate: followUpDate ?? null }),
    'app:call.recovery.dismiss': ({ callId }) => calls.dismissRecovery(callId),
    'app:call.history.search': (query) => calls.search(query),
    'app:call.history.get': ({ callId }) => calls.view(callId),
    'app:call.history.export': ({ callId }) => calls.exportText(callId),
    'app:call.followUps.count': () => calls.followUpCount(),
    'app:call.followUps.list': () => calls.followUps(),
    'app:call.followUps.done': ({ callId }) => calls.markFollowUpDone(callId),
    'app:call.followUps.start': ({ callId }) => calls.startFollowUp(callId),
    'app:call.dispositions.get': () => calls.dispositions(),
    'app:call.dispositions.save': ({ dispositions }) => calls.saveDispositions(dispositions),
    'app:screenPop.offer': ({ link }, ctx) => desk.services.screenPop.offer(link, ctx.via),
    'app:screenPop.pending': () => desk.services.screenPop.pending(),
    'app:screenPop.accept': ({ offerId }) => desk.services.screenPop.accept(offerId),
    'app:screenPop.dismiss': ({ offerId }) => desk.services.screenPop.dismiss(offerId),
  };
}
