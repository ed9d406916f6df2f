/**
 * The simulator's demo identity. The README documents these values; the console's demo mode uses them to talk
 * to the bundled simulator. They are not secrets: they only open the local simulator.
 */
export const DEMO_AK = "CODEARTSSIMULATORAK01";
export const DEMO_SK = "CodeArtsSimulatorDemoSecretKey0000000001";

/** The CodeArts (ProjectMan) project id: the `project_id` of Deploy paths and bodies. */
export const DEMO_CODEARTS_PROJECT_ID = "0b5d8e4c2a7f4d0e9c3b1a2f6e8d7c5b";
export const DEMO_CODEARTS_PROJECT_NAME = "retail-platform";

/** The IAM project id (region scoped): token scope and the `X-Project-Id` header. */
export const DEMO_IAM_PROJECT_ID = "c53b2d1e0f9a4b8c7d6e5f4a3b2c1d0e";
export const DEMO_REGION = "cn-north-4";

export const DEMO_DOMAIN_NAME = "codearts-demo";
export const DEMO_DOMAIN_ID = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";

export const DEMO_IAM_USER = "deployer";
export const DEMO_IAM_PASSWORD = "simulator-demo-password";
