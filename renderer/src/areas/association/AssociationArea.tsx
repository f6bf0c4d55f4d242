import { Placeholder } from '../../ui/Placeholder';

export function AssociationArea() {
  return <Placeholder items={["A guided three-way association: the Agent, the client on the line, the client's case", "Electronic consent (90 seconds, at most 3 requests) and verbal consent scripts in English and Spanish", "An auditable consent record and the association confirmation to read to both parties"]} />;
}
