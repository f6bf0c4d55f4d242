import type { SessionView } from '../../../../shared/common/association/contract';
import type { ChannelName, RequestIn } from '../../../../shared/common/ipc/contract';

/**
 * How a step asks main for the next state of the association session: the area owns it,
 * the steps receive it. Its own module so that steps never import the area that imports them.
 */
export type Act = <K extends ChannelName>(channel: K, request: RequestIn<K>, said?: (v: SessionView) => string) => Promise<boolean>;
