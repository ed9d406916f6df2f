/** The simulator's in-memory domain model (not wire shapes: those are built from it by the handlers). */
import type { ParamType } from "../schemas";

export interface SimUser {
  id: string;
  name: string;
  nickname: string;
}

/** A runtime parameter definition (ConfigInfoDO-like). */
export interface ParamDef {
  name: string;
  type: ParamType;
  /** Default value used when a start does not pass the key. */
  value: string;
  description: string;
  /** Options of an `enum` parameter. */
  options?: string[];
}

export interface StepDef {
  /** Key in the `steps` map: step1, step2, … */
  key: string;
  /** Numeric id (a string in Step, an int in StepInfo). */
  id: string;
  name: string;
  enable: boolean;
  params: Record<string, string>;
  /** Log line templates written while the step runs; `${name}` is replaced by the record's parameter. */
  logLines: string[];
  /** Error text written when this step fails. */
  error: string;
  faqUrl: string;
}

export interface ComponentDef {
  appId: string;
  appName: string;
  compId: string;
  compName: string;
}

export interface SimTask {
  id: string;
  appId: string;
  name: string;
  state: "Available" | "Draft";
  description: string;
  steps: StepDef[];
  params: ParamDef[];
  components: ComponentDef[];
  /** 0 = anyone may start it, 1 = only the pipeline. */
  triggerSource: 0 | 1;
  artifactType: "generic" | "docker";
  /** Index among the enabled steps at which every new run fails (the "always failing" app). */
  failAtStep?: number;
  owner: SimUser;
  templateId: string;
  createdMs: number;
  updatedMs: number;
}

export interface SimApp {
  id: string;
  name: string;
  description: string;
  isCare: boolean;
  isDisable: boolean;
  deploySystem: string;
  creator: SimUser;
  createdMs: number;
  updatedMs: number;
  task: SimTask;
}

/** A parameter as a record carries it (secrets kept so a rollback can reuse them, never shown). */
export interface RecordParam {
  name: string;
  type: ParamType;
  value: string;
}

export interface SimRecord {
  id: string;
  taskId: string;
  appId: string;
  releaseId: number;
  startMs: number;
  /** Duration of each enabled step for this record. */
  stepMs: number;
  /** Index among enabled steps at which this record fails; undefined = it succeeds. */
  failAtStep?: number;
  stoppedAtMs?: number;
  stoppedBy?: SimUser;
  operator: SimUser;
  params: RecordParam[];
  jobName: string;
  /** Record type; the cloud's vocabulary is undocumented — we use "deploy" and "rollback". */
  type: "deploy" | "rollback";
  rollbackOf?: string;
  /** The release # of `rollbackOf` (the log names it as people do). */
  rollbackOfRelease?: number;
}
