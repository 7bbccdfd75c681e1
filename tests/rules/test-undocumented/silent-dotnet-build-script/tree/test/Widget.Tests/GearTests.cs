public class GearTests {}
