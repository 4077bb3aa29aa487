// The instructor's editor of a draft course: its title, description and language, and its sections
// and lessons (videos, courseware, assignments, quizzes and exams) added, changed, moved and
// removed, then saved whole. GET /api/organizations/{org}/courses/{id} (query side: a draft is
// shown to its instructor only); PUT .../courses/{id} (command side: the whole content replaces the
// draft's; a published or archived course is refused with 409 course-not-draft). Lessons keep
// their lessonId, so activity already recorded against a lesson still names it.
import { h, replace, uid } from '../../core/dom.js';
import { query, command, path } from '../../core/api.js';
import { t } from '../../core/strings.js';
import { href } from '../../core/router.js';
import { messageArea } from '../../components/messages.js';
import { areaPage } from '../../core/pages.js';

const KINDS = ['VIDEO', 'COURSEWARE', 'ASSIGNMENT', 'QUIZ', 'EXAM'];
const LANGUAGES = [{ value: 'en', label: 'English' }, { value: 'pt-BR', label: 'Português (Brasil)' }];

/** Whether a lesson of this kind has content (an address and a duration). */
function hasContent(kind) {
  return kind === 'VIDEO' || kind === 'COURSEWARE';
}

/** Whether a lesson of this kind is scored (a passing score; an exam's is required). */
function isScored(kind) {
  return kind === 'QUIZ' || kind === 'EXAM';
}

function newLesson() {
  return { lessonId: null, title: '', kind: 'VIDEO', contentUri: '', durationMinutes: null, passingScore: null, required: true };
}

/** A labelled control bound to obj[key]: input, select or textarea. */
function field(label, obj, key, { type = 'text', options, required, hint, min, max, maxlength } = {}) {
  const id = uid('field');
  const hintId = hint ? uid('hint') : null;
  const common = { id, name: key, required: !!required, 'aria-describedby': hintId };
  let control;
  if (options) {
    control = h('select', common, options.map((o) => h('option', { value: o.value, selected: o.value === obj[key] }, o.label)));
  } else if (type === 'textarea') {
    control = h('textarea', { ...common, rows: 3, maxlength, value: obj[key] ?? '' });
  } else if (type === 'checkbox') {
    control = h('input', { ...common, type, checked: !!obj[key] });
  } else {
    control = h('input', { ...common, type, min, max, maxlength, value: obj[key] ?? '' });
  }
  control.addEventListener(type === 'checkbox' || options ? 'change' : 'input', () => {
    if (type === 'checkbox') obj[key] = control.checked;
    else if (type === 'number') obj[key] = control.value === '' ? null : Number(control.value);
    else obj[key] = control.value;
  });
  const text = h('label', { for: id }, label, required ? h('span', { class: 'required', text: ' (' + t('form.required') + ')' }) : null);
  return h('div', { class: 'field' + (type === 'checkbox' ? ' checkbox' : '') },
    type === 'checkbox' ? [control, text] : [text, control], hintId ? h('p', { class: 'hint', id: hintId, text: hint }) : null);
}

/** The body PUT takes: empty texts left out, fields a lesson's kind does not use dropped. */
function content(course) {
  const text = (value) => (value == null || String(value).trim() === '' ? null : String(value).trim());
  return {
    title: text(course.title) || '', description: text(course.description) || '', language: course.language,
    sections: course.sections.map((section) => ({
      title: text(section.title) || '',
      lessons: section.lessons.map((lesson) => ({
        lessonId: lesson.lessonId || undefined, title: text(lesson.title) || '', kind: lesson.kind,
        contentUri: hasContent(lesson.kind) ? text(lesson.contentUri) : null,
        durationMinutes: hasContent(lesson.kind) ? lesson.durationMinutes : null,
        passingScore: isScored(lesson.kind) ? lesson.passingScore : null,
        required: lesson.required !== false,
      })),
    })),
  };
}

export const page = areaPage({
  path: '/instructor/courses/:courseId',
  key: 'instructor.editor',
  summary: false,
  nav: false,
  async render(view, { params, session, signal }) {
    const org = session.organization;
    const message = messageArea();
    const back = h('p', {}, h('a', { href: href('/instructor/courses'), text: t('instructor.editor.back') }));
    const editor = h('div', { id: 'course-editor' });
    view.append(back, message.element, editor);
    let course;
    try {
      course = await query.get(path`/api/organizations/${org}/courses/${params.courseId}`, null, { signal });
    } catch (error) {
      message.error(error);
      return;
    }
    if (course.status !== 'DRAFT') {
      message.show(t('instructor.editor.notDraft', { title: course.title }), 'error');
      return;
    }
    course.sections = (course.sections || []).map((s) => ({ title: s.title, lessons: (s.lessons || []).map((l) => ({ ...l })) }));
    const saveMessage = messageArea();
    const save = h('button', { type: 'button', class: 'primary', id: 'save-course', text: t('instructor.editor.save'),
      on: { click: () => submit() } });

    async function submit() {
      save.disabled = true;
      saveMessage.clear();
      try {
        await command.put(path`/api/organizations/${org}/courses/${params.courseId}`, content(course));
        saveMessage.show(t('instructor.editor.saved', { title: course.title }), 'success');
      } catch (error) {
        saveMessage.error(error, error.fields || []);
      } finally {
        save.disabled = false;
      }
    }

    /** Redraws the editor from the course in memory, then focuses what `focus` picks (by data-focus). */
    function draw(focus) {
      replace(editor,
        h('fieldset', { class: 'panel' }, h('legend', { text: t('instructor.editor.details') }),
          field(t('instructor.courses.newTitle'), course, 'title', { required: true, maxlength: 200 }),
          field(t('instructor.courses.description'), course, 'description', { type: 'textarea', maxlength: 5000 }),
          field(t('instructor.courses.language'), course, 'language', { options: LANGUAGES, required: true })),
        course.sections.map((section, s) => sectionPart(section, s)),
        h('div', { class: 'actions' },
          h('button', { type: 'button', id: 'add-section', dataset: { focus: 'add-section' }, text: t('instructor.editor.addSection'),
            on: { click: () => {
              course.sections.push({ title: '', lessons: [newLesson()] });
              draw('section-' + (course.sections.length - 1));
            } } }),
          save),
        saveMessage.element);
      const target = focus && editor.querySelector('[data-focus="' + focus + '"]');
      if (target) target.focus();
    }

    function sectionPart(section, s) {
      const heading = t('instructor.editor.section', { number: s + 1 });
      const titleField = field(t('instructor.editor.sectionTitle'), section, 'title', { required: true, maxlength: 200 });
      titleField.querySelector('input').dataset.focus = 'section-' + s;
      return h('fieldset', { class: 'panel section' }, h('legend', { text: heading }),
        titleField,
        section.lessons.map((lesson, l) => lessonPart(section, lesson, s, l)),
        h('div', { class: 'row-actions' },
          h('button', { type: 'button', text: t('instructor.editor.addLesson'),
            'aria-label': t('instructor.editor.addLessonTo', { section: heading }),
            on: { click: () => {
              section.lessons.push(newLesson());
              draw('lesson-' + s + '-' + (section.lessons.length - 1));
            } } }),
          h('button', { type: 'button', class: 'danger', text: t('instructor.editor.removeSection'),
            'aria-label': t('instructor.editor.removeNamed', { name: heading }),
            on: { click: () => {
              course.sections.splice(s, 1);
              draw('add-section');
            } } })));
    }

    function lessonPart(section, lesson, s, l) {
      const heading = t('instructor.editor.lesson', { number: (s + 1) + '.' + (l + 1) });
      const named = heading + (lesson.title ? ': ' + lesson.title : '');
      const titleField = field(t('instructor.editor.lessonTitle'), lesson, 'title', { required: true, maxlength: 200 });
      titleField.querySelector('input').dataset.focus = 'lesson-' + s + '-' + l;
      const kind = field(t('instructor.editor.kind'), lesson, 'kind', { required: true,
        options: KINDS.map((k) => ({ value: k, label: t('instructor.editor.kind.' + k) })) });
      kind.querySelector('select').dataset.focus = 'kind-' + s + '-' + l;
      kind.querySelector('select').addEventListener('change', () => draw('kind-' + s + '-' + l));
      const move = (to) => {
        section.lessons.splice(to, 0, section.lessons.splice(l, 1)[0]);
        draw('lesson-' + s + '-' + to);
      };
      return h('fieldset', { class: 'lesson', dataset: { lesson: lesson.lessonId || '' } }, h('legend', { text: named }),
        titleField, kind,
        hasContent(lesson.kind) ? [
          field(t('instructor.editor.contentUri'), lesson, 'contentUri', { type: 'url', required: true,
            hint: t('instructor.courses.contentUriHint') }),
          field(t('instructor.courses.duration'), lesson, 'durationMinutes', { type: 'number', required: true, min: 1, max: 1440 }),
        ] : null,
        isScored(lesson.kind) ? field(t('instructor.editor.passingScore'), lesson, 'passingScore', { type: 'number',
          required: lesson.kind === 'EXAM', min: 0, max: 100, hint: t('instructor.editor.passingScoreHint') }) : null,
        field(t('instructor.editor.required'), lesson, 'required', { type: 'checkbox' }),
        h('div', { class: 'row-actions' },
          l > 0 ? h('button', { type: 'button', text: t('instructor.editor.up'),
            'aria-label': t('instructor.editor.upNamed', { name: named }), on: { click: () => move(l - 1) } }) : null,
          l < section.lessons.length - 1 ? h('button', { type: 'button', text: t('instructor.editor.down'),
            'aria-label': t('instructor.editor.downNamed', { name: named }), on: { click: () => move(l + 1) } }) : null,
          h('button', { type: 'button', class: 'danger', text: t('instructor.editor.removeLesson'),
            'aria-label': t('instructor.editor.removeNamed', { name: named }), on: { click: () => {
              section.lessons.splice(l, 1);
              draw('section-' + s);
            } } })));
    }

    draw();
  },
});
