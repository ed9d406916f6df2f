import { NotFoundPage } from "@/components/errors/not-found-page";

export default function RecordNotFound() {
  return <NotFoundPage namespace="record" />;
}
