/**
 * The lifecycle policy of every ECR repository titan owns or has ECR create: untagged images expire a
 * day after they were pushed (or cached), and of the tagged ones only the newest `keepTagged` stay.
 */
export function ecrLifecyclePolicy(keepTagged: number) {
  return {
    rules: [
      {
        rulePriority: 1,
        description: "Expire untagged images a day after they were pushed",
        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 1 },
        action: { type: "expire" },
      },
      {
        rulePriority: 2,
        description: `Keep the last ${keepTagged} tagged images`,
        selection: {
          tagStatus: "tagged",
          tagPatternList: ["*"],
          countType: "imageCountMoreThan",
          countNumber: keepTagged,
        },
        action: { type: "expire" },
      },
    ],
  };
}
