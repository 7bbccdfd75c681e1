module "node_group" {
  source = "./modules/node-group"
}

module "fargate_profile" {
  source = "./modules/fargate-profile"
}
