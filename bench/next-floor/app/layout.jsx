export const metadata = { title: "Bare Next.js", description: "The floor of what any Next.js page costs." };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
