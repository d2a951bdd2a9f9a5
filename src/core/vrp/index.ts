/**
 * Public API of the VRP optimiser (issue 4). Build a problem with `createProblem`, solve it with
 * `solve` (or step by step with `createSolver`, as workers/optimizerApi.ts does), read the
 * `Solution`. Everything here is pure and deterministic for a seed with an iteration-based stop.
 */
export type { ProblemData, VehicleTypes, ProblemFlags } from './ProblemData.ts';
export { chargeTime, fleetSize, problemBuffers, slotTypes } from './ProblemData.ts';
export type { ClientSpec, DepotSpec, ProblemSpec, VehicleTypeSpec } from './createProblem.ts';
export { createProblem, ProblemError, dyadic } from './createProblem.ts';
export type { Solution, SolutionRoute } from './Solution.ts';
export { evaluateRoute, makeSolution } from './Solution.ts';
export type { ProgressEvent, Result, SolveOptions, Solver } from './solve.ts';
export { createSolver, solve } from './solve.ts';
export type { CancelFlag, Progress, StopCriterion, StopSpec } from './stop.ts';
export { allOf, anyOf, cancelled, fromSpec, maxIterations, maxIterationsWithoutImprovement, targetCost, timeLimit } from './stop.ts';
export type { HgsParams } from './hgs/params.ts';
export type { OperatorName, OperatorReport, PhaseName, SearchStatsReport } from './search/SearchStats.ts';
export { OPERATORS, PHASES, SearchStats } from './search/SearchStats.ts';
export { defaultHgsParams } from './hgs/params.ts';
// Benchmark instances and solution files (Solomon / Gehring–Homberger, CVRPLIB, E-VRPTW).
export type { Instance, InstanceFormat, Objective, Recharge } from './io/Instance.ts';
export { arcLength, reportedDistance } from './io/Instance.ts';
export { ParseError } from './io/ParseError.ts';
export type { ReadInstanceOptions } from './io/readInstance.ts';
export { defaultObjective, detectFormat, readInstance } from './io/readInstance.ts';
export type { SolutionFile } from './io/solutionFile.ts';
export { toSolutionFile } from './io/solutionFile.ts';
export type { SolveInstanceOptions } from './solveInstance.ts';
export { createInstanceSolver, ROUTE_MIN_SHARE, solveInstance } from './solveInstance.ts';
// VROOM's JSON input and output formats (docs/API.md of VROOM v1.14).
export type { TaskType, VroomProblem, VroomTask, VroomVehicle } from './io/vroom/VroomProblem.ts';
export { readVroom } from './io/vroom/readVroom.ts';
export type { VroomOutput, VroomRoute, VroomStep } from './io/vroom/writeVroom.ts';
export { writeVroom } from './io/vroom/writeVroom.ts';
export { vroomView } from './io/vroom/fromInstance.ts';
export { unassignUntilFeasible } from './io/vroom/unassign.ts';
