import { NotFoundPage } from "@/components/errors/not-found-page";

export default function TaskNotFound() {
  return <NotFoundPage namespace="task" />;
}
