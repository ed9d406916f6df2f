import { redirect } from "next/navigation";

// The task picker lives at /apps; "/" is its short name.
export default function Home(): never {
  redirect("/apps");
}
