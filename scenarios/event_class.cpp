// Seed section 八 2 示例一: students wait for the teacher's event.
#include <string>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

WEFT_SCENARIO({
    .name = "event_class",
    .summary = "students wait for the teacher's event",
    .description =
        "Seed section 8.2, example 1: three students each print '学生<name> 正在听课' and wait on "
        "an Event; the teacher prints '老师harry 正在上课', sleeps 2 s, prints '下课了' and sets "
        "the event, and each student then prints '学生<name> 课件活动'. Look at the two phases: "
        "the four first lines in any of their 24 orders (starting a thread does not make it "
        "print first), then after 2 s '下课了' and the three students' second lines in any of "
        "their 6 orders, never before '下课了': 144 outcomes.",
    .body =
        [](const weft::Params&) {
          weft::Event event("event");
          auto student = [event](const std::string& name) {
            weft::print("学生" + name + " 正在听课");
            event.wait();
            weft::print("学生" + name + " 课件活动");
          };
          auto teacher = [event](const std::string& name) {
            weft::print("老师" + name + " 正在上课");
            weft::sleep(2);
            weft::print("下课了");
            event.set();
          };
          weft::Thread stu1(student, std::string("sanm"));
          weft::Thread stu2(student, std::string("beal"));
          weft::Thread stu3(student, std::string("jerry"));
          weft::Thread t(teacher, std::string("harry"));
          stu1.start();
          stu2.start();
          stu3.start();
          t.start();
        },
});
